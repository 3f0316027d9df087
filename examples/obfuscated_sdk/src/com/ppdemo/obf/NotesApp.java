package com.ppdemo.obf;

import android.app.Application;

/**
 * An app shipped through R8: its two SDKs were renamed to a.a and com.x.y, and some of its own
 * helpers were repackaged to e.f. Written for this demo; no code of any real SDK.
 */
public class NotesApp extends Application {
    @Override
    public void onCreate() {
        super.onCreate();
        a.a.b.a(this, "61a2b3c4d5e6f7a8b9c0d1e2");
        com.x.y.a.a(this);
        e.f.a.a(this);
    }
}
