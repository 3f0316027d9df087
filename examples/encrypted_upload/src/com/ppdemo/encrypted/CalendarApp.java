package com.ppdemo.encrypted;

import android.app.Application;

import com.umeng.analytics.EnvelopeReporter;

/** Starts its analytics SDK before the user has seen the privacy policy. */
public class CalendarApp extends Application {
    @Override
    public void onCreate() {
        super.onCreate();
        EnvelopeReporter.start(this);
    }
}
