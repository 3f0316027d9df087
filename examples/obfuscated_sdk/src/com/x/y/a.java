package com.x.y;

import android.content.Context;
import android.net.wifi.WifiManager;

import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URL;
import java.nio.charset.StandardCharsets;

/**
 * A minified push SDK that carries none of its vendor's fingerprint strings (its endpoint is
 * assembled at run time): only the host it reports to (a Getui domain) names it.
 */
public final class a {
    private a() {
    }

    public static void a(Context context) {
        WifiManager wifi = (WifiManager) context.getSystemService(Context.WIFI_SERVICE);
        String mac = wifi.getConnectionInfo().getMacAddress();
        String host = String.join(".", "sdk", "open", "phone", "igexin", "com");
        try {
            HttpURLConnection connection =
                    (HttpURLConnection) new URL("https://" + host + "/api.php").openConnection();
            connection.setConnectTimeout(3000);
            connection.setReadTimeout(3000);
            connection.setRequestMethod("POST");
            connection.setDoOutput(true);
            try (OutputStream out = connection.getOutputStream()) {
                out.write(("m=" + mac).getBytes(StandardCharsets.UTF_8));
            }
            connection.getResponseCode();
        } catch (Exception offline) {
            // dropped when offline
        }
    }
}
