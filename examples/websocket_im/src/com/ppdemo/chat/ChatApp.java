package com.ppdemo.chat;

import android.app.Application;

import com.tencent.imsdk.ImSocket;

/** Logs in to its IM SDK at start-up, before the user has consented to anything. */
public class ChatApp extends Application {
    @Override
    public void onCreate() {
        super.onCreate();
        ImSocket.login(this);
    }
}
