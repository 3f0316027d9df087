package com.android.id.impl;

import android.content.Context;
import com.privacyprobe.sim.SimRuntime;

/**
 * MIUI's identifier provider, a framework class there: OAID SDKs (the MSA SDK's Xiaomi supplier,
 * Sensors Data, the Xiaomi account SDK) reach it by reflection, Class.forName then a public no-arg
 * constructor and getOAID(Context). The sim carries it so the OAID path a Chinese SDK takes can be
 * served: getOAID answers the profile's canary `oaid`. VAID and AAID are per-developer and per-app
 * ids the sim does not model (null, as MIUI answers when the id service is off); UDID is for system
 * apps only (null for apps).
 */
public class IdProviderImpl {
    public IdProviderImpl() {
    }

    public String getOAID(Context context) {
        String oaid = SimRuntime.profileValue("oaid", "");
        return oaid.isEmpty() ? null : oaid;
    }

    public String getVAID(Context context) {
        return null;
    }

    public String getAAID(Context context) {
        return null;
    }

    public String getUDID(Context context) {
        return null;
    }
}
