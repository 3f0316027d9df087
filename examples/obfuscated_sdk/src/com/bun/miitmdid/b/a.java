package com.bun.miitmdid.b;

import android.content.Context;

import com.bun.miitmdid.interfaces.IdSupplier;

/** The stand-in's Xiaomi supplier (minified, as the MSA SDK ships its vendor suppliers). */
public final class a implements IdSupplier {
    private final String oaid;

    private a(String oaid) {
        this.oaid = oaid;
    }

    public static a query(Context context) {
        try {
            Class<?> provider = Class.forName("com.android.id.impl.IdProviderImpl");
            Object instance = provider.getDeclaredConstructor().newInstance();
            Object oaid = provider.getMethod("getOAID", Context.class).invoke(instance, context);
            return new a((String) oaid);
        } catch (ReflectiveOperationException notMiui) {
            return new a(null);
        }
    }

    @Override
    public boolean isSupported() {
        return oaid != null;
    }

    @Override
    public String getOAID() {
        return oaid;
    }

    @Override
    public String getVAID() {
        return null;
    }

    @Override
    public String getAAID() {
        return null;
    }
}
