package com.qq.e.comm;

import android.content.Context;
import android.provider.Settings;
import android.util.Log;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * A stand-in for an ad SDK that speaks protobuf, written for this demo (not code from any real
 * SDK): the ad request carries the SHA-256 of the Android ID as a bytes field, next to the app's
 * package name and a timestamp. Encoded by hand in the protobuf wire format.
 */
public final class AdRequest {
    private static final String TAG = "AdRequest";

    private AdRequest() {
    }

    public static void preload(Context context) {
        String androidId = Settings.Secure.getString(
                context.getContentResolver(), Settings.Secure.ANDROID_ID);
        byte[] body;
        try {
            byte[] hashed = MessageDigest.getInstance("SHA-256")
                    .digest(androidId.getBytes(StandardCharsets.UTF_8));
            ByteArrayOutputStream device = new ByteArrayOutputStream();
            bytesField(device, 1, hashed);
            bytesField(device, 2, "Pixel 6".getBytes(StandardCharsets.UTF_8));
            ByteArrayOutputStream request = new ByteArrayOutputStream();
            bytesField(request, 1, context.getPackageName().getBytes(StandardCharsets.UTF_8));
            bytesField(request, 2, device.toByteArray());
            varintField(request, 3, System.currentTimeMillis());
            body = request.toByteArray();
        } catch (Exception broken) {
            throw new IllegalStateException(broken);
        }
        new Thread(() -> post(body), "gdt-ad-request").start();
    }

    private static void varint(ByteArrayOutputStream out, long value) {
        while ((value & ~0x7FL) != 0) {
            out.write((int) ((value & 0x7F) | 0x80));
            value >>>= 7;
        }
        out.write((int) value);
    }

    private static void varintField(ByteArrayOutputStream out, int number, long value) {
        varint(out, (long) number << 3);
        varint(out, value);
    }

    private static void bytesField(ByteArrayOutputStream out, int number, byte[] value) {
        varint(out, (long) number << 3 | 2);
        varint(out, value.length);
        out.write(value, 0, value.length);
    }

    private static void post(byte[] body) {
        try {
            HttpURLConnection connection = (HttpURLConnection)
                    new URL("https://mi.gdt.qq.com/gdt_mview.fcg").openConnection();
            connection.setConnectTimeout(3000);
            connection.setReadTimeout(3000);
            connection.setRequestMethod("POST");
            connection.setDoOutput(true);
            connection.setRequestProperty("Content-Type", "application/x-protobuf");
            try (OutputStream out = connection.getOutputStream()) {
                out.write(body);
            }
            Log.i(TAG, "ad request sent: HTTP " + connection.getResponseCode());
        } catch (Exception offline) {
            Log.w(TAG, "ad request not sent: " + offline);
        }
    }
}
