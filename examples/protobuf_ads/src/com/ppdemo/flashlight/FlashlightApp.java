package com.ppdemo.flashlight;

import android.app.Application;

import com.qq.e.comm.AdRequest;

/** Asks its ad SDK for a splash ad as soon as it starts, before any consent. */
public class FlashlightApp extends Application {
    @Override
    public void onCreate() {
        super.onCreate();
        AdRequest.preload(this);
    }
}
