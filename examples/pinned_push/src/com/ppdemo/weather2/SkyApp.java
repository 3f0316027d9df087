package com.ppdemo.weather2;

import android.app.Application;

import com.getui.push.PinnedChannel;

/** Registers with its push SDK at start-up, before the user has consented to anything. */
public class SkyApp extends Application {
    @Override
    public void onCreate() {
        super.onCreate();
        PinnedChannel.register(this);
    }
}
