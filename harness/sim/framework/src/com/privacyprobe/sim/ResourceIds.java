package com.privacyprobe.sim;

import android.view.View;
import java.util.Collections;
import java.util.Map;
import java.util.WeakHashMap;

/** Resource-id names of framework-made views (app views have none, as apps without R ids). */
public final class ResourceIds {
    private static final Map<View, String> NAMES = Collections.synchronizedMap(new WeakHashMap<>());

    private ResourceIds() {
    }

    public static void assign(View view, String name) {
        NAMES.put(view, name);
    }

    public static String of(View view) {
        String name = NAMES.get(view);
        return name == null ? "" : name;
    }
}
