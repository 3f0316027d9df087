package com.ppdemo.leaky;

import android.app.Application;

import com.umeng.commonsdk.UMConfigure;

/** Initialises its analytics SDK in onCreate, before any privacy consent: the classic violation. */
public class WeatherApp extends Application {
    @Override
    public void onCreate() {
        super.onCreate();
        UMConfigure.init(this, "5f3c9a1b8e2d4c0012345678", "official");
    }
}
