package com.umeng.analytics;

import android.content.Context;
import android.net.wifi.WifiManager;
import android.provider.Settings;
import android.util.Base64;
import android.util.Log;

import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URL;
import java.nio.charset.StandardCharsets;

import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * A stand-in for an analytics SDK that encrypts its uploads, written for this demo (not code from
 * any real SDK): the device identifiers are put in a JSON envelope, encrypted with AES/CBC under a
 * key shipped in the SDK, base64-encoded (Android's DEFAULT flags: wrapped lines) and posted. A
 * heartbeat without personal data is encrypted and sent the same way.
 */
public final class EnvelopeReporter {
    private static final String TAG = "EnvelopeReporter";
    private static final byte[] KEY = "pp-demo-aes-key!".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] IV = "0102030405060708".getBytes(StandardCharsets.US_ASCII);

    private EnvelopeReporter() {
    }

    public static void start(Context context) {
        String androidId = Settings.Secure.getString(
                context.getContentResolver(), Settings.Secure.ANDROID_ID);
        WifiManager wifi = (WifiManager) context.getSystemService(Context.WIFI_SERVICE);
        String mac = wifi.getConnectionInfo().getMacAddress();
        String envelope = "{\"header\":{\"android_id\":\"" + androidId + "\",\"mac\":\"" + mac
                + "\",\"sdk_version\":\"9.4.7\",\"os\":\"Android\"},\"analytics\":{\"launch\":1}}";
        String heartbeat = "{\"event\":\"heartbeat\",\"seq\":1,\"sdk_version\":\"9.4.7\"}";
        String sealedEnvelope = seal(envelope);
        String sealedHeartbeat = seal(heartbeat);
        new Thread(() -> {
            post("https://alog.umeng.com/unify_logs", sealedEnvelope);
            post("https://alog.umeng.com/heartbeat", sealedHeartbeat);
        }, "umeng-envelope").start();
    }

    private static String seal(String plain) {
        try {
            Cipher cipher = Cipher.getInstance("AES/CBC/PKCS5Padding");
            cipher.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(KEY, "AES"), new IvParameterSpec(IV));
            byte[] encrypted = cipher.doFinal(plain.getBytes(StandardCharsets.UTF_8));
            return Base64.encodeToString(encrypted, Base64.DEFAULT);
        } catch (Exception broken) {
            throw new IllegalStateException(broken);
        }
    }

    private static void post(String url, String sealed) {
        String body = "{\"content\":\"" + sealed.replace("\n", "\\n") + "\",\"codex\":1}";
        try {
            HttpURLConnection connection = (HttpURLConnection) new URL(url).openConnection();
            connection.setConnectTimeout(3000);
            connection.setReadTimeout(3000);
            connection.setRequestMethod("POST");
            connection.setDoOutput(true);
            connection.setRequestProperty("Content-Type", "application/json");
            try (OutputStream out = connection.getOutputStream()) {
                out.write(body.getBytes(StandardCharsets.UTF_8));
            }
            Log.i(TAG, "envelope sent: HTTP " + connection.getResponseCode());
        } catch (Exception offline) {
            Log.w(TAG, "envelope not sent: " + offline);
        }
    }
}
