package com.bun.miitmdid.core;

import android.content.Context;
import android.os.Handler;
import android.os.Looper;

import com.bun.miitmdid.b.a;
import com.bun.miitmdid.interfaces.IIdentifierListener;

/**
 * A stand-in for the MSA OAID SDK's entry, written for this demo (same class, method and callback
 * names as the MSA SDK 1.0.13 documents; none of its code). Like the real SDK on a Xiaomi build, it
 * asks MIUI's id provider by reflection and answers the listener later, from the main looper,
 * returning INIT_ERROR_RESULT_DELAY (1008614: "the result arrives through the listener").
 */
public final class MdidSdkHelper {
    private MdidSdkHelper() {
    }

    public static int InitSdk(Context context, boolean isLogOn, IIdentifierListener listener) {
        final a supplier = a.query(context);
        new Handler(Looper.getMainLooper()).post(() -> listener.OnSupport(supplier.isSupported(), supplier));
        return 1008614;
    }
}
