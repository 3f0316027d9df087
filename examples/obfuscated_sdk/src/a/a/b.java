package a.a;

import android.content.Context;
import android.provider.Settings;
import android.util.Log;

/**
 * A minified analytics SDK: its class names are gone, but the constants its code uses are those an
 * Umeng integration carries (meta-data keys, log tag, log endpoint; harness/data/sdk_signatures.json).
 */
public final class b {
    private b() {
    }

    public static void a(Context context, String key) {
        Log.i("UMLog", "init " + key + " via UMENG_APPKEY / UMENG_CHANNEL");
        String meta = "UMENG_APPKEY";
        String channel = "UMENG_CHANNEL";
        String androidId = Settings.Secure.getString(context.getContentResolver(), Settings.Secure.ANDROID_ID);
        c.a("https://ulogs.umeng.com/unify_logs", meta + "=" + key + "&" + channel + "=store&aid=" + androidId);
        com.bun.miitmdid.core.MdidSdkHelper.InitSdk(context, false, new d());
    }
}
