package com.tencent.imsdk;

import android.content.Context;
import android.net.wifi.WifiManager;
import android.provider.Settings;
import android.util.Base64;
import android.util.Log;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;

import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;

/**
 * A stand-in for an IM SDK with its own WebSocket client, written for this demo (not code from any
 * real SDK): it tunnels through the system HTTP proxy (the http.proxyHost/https.proxyHost
 * properties Android sets for a global proxy), upgrades to a WebSocket (RFC 6455) and sends a
 * login frame carrying device identifiers.
 */
public final class ImSocket {
    private static final String TAG = "ImSocket";
    private static final String HOST = "wss.im.qcloud.com";

    private ImSocket() {
    }

    public static void login(Context context) {
        String androidId = Settings.Secure.getString(
                context.getContentResolver(), Settings.Secure.ANDROID_ID);
        WifiManager wifi = (WifiManager) context.getSystemService(Context.WIFI_SERVICE);
        String mac = wifi.getConnectionInfo().getMacAddress();
        String frame = "{\"cmd\":\"login\",\"sdkappid\":1400000001,\"device\":{\"aid\":\"" + androidId
                + "\",\"mac\":\"" + mac + "\"}}";
        new Thread(() -> send(frame), "imsdk-socket").start();
    }

    private static void send(String text) {
        String proxyHost = System.getProperty("https.proxyHost");
        int proxyPort = Integer.parseInt(System.getProperty("https.proxyPort", "443"));
        try (Socket tunnel = new Socket(proxyHost == null ? HOST : proxyHost, proxyHost == null ? 443 : proxyPort)) {
            tunnel.setSoTimeout(3000);
            if (proxyHost != null) {
                OutputStream toProxy = tunnel.getOutputStream();
                toProxy.write(("CONNECT " + HOST + ":443 HTTP/1.1\r\nHost: " + HOST + ":443\r\n\r\n")
                        .getBytes(StandardCharsets.US_ASCII));
                toProxy.flush();
                readHead(tunnel.getInputStream());
            }
            SSLSocket tls = (SSLSocket) ((SSLSocketFactory) SSLSocketFactory.getDefault())
                    .createSocket(tunnel, HOST, 443, false);
            byte[] nonce = new byte[16];
            new SecureRandom().nextBytes(nonce);
            OutputStream out = tls.getOutputStream();
            out.write(("GET /ws/login HTTP/1.1\r\nHost: " + HOST + "\r\nUpgrade: websocket\r\n"
                    + "Connection: Upgrade\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Key: "
                    + Base64.encodeToString(nonce, Base64.NO_WRAP) + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            String status = readHead(tls.getInputStream());
            if (!status.startsWith("HTTP/1.1 101")) {
                Log.w(TAG, "upgrade refused: " + status);
                return;
            }
            out.write(maskedTextFrame(text.getBytes(StandardCharsets.UTF_8)));
            out.flush();
            Log.i(TAG, "login frame sent");
        } catch (Exception offline) {
            Log.w(TAG, "login not sent: " + offline);
        }
    }

    /** A final text frame, masked as RFC 6455 requires of clients (payloads under 64 KiB). */
    private static byte[] maskedTextFrame(byte[] payload) {
        byte[] mask = new byte[4];
        new SecureRandom().nextBytes(mask);
        int header = payload.length < 126 ? 2 : 4;
        byte[] frame = new byte[header + 4 + payload.length];
        frame[0] = (byte) 0x81;
        if (payload.length < 126) {
            frame[1] = (byte) (0x80 | payload.length);
        } else {
            frame[1] = (byte) (0x80 | 126);
            frame[2] = (byte) (payload.length >> 8);
            frame[3] = (byte) payload.length;
        }
        System.arraycopy(mask, 0, frame, header, 4);
        for (int i = 0; i < payload.length; i++) {
            frame[header + 4 + i] = (byte) (payload[i] ^ mask[i % 4]);
        }
        return frame;
    }

    private static String readHead(InputStream in) throws Exception {
        StringBuilder head = new StringBuilder();
        while (head.indexOf("\r\n\r\n") < 0) {
            int next = in.read();
            if (next < 0) {
                break;
            }
            head.append((char) next);
        }
        return head.toString();
    }
}
