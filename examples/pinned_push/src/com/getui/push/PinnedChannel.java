package com.getui.push;

import android.content.Context;
import android.net.wifi.WifiManager;
import android.provider.Settings;
import android.util.Log;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.security.KeyStore;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.List;

import javax.net.ssl.HttpsURLConnection;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

/**
 * A stand-in for a push SDK that pins its server certificate, written for this demo (not code from
 * any real SDK). Through the system proxy the pin fails (the capture proxy's certificate is not the
 * pinned one), so, like clients that ignore the system proxy, it retries on a direct TLS connection
 * of its own and sends the registration there: the proxy never sees it in the clear.
 */
public final class PinnedChannel {
    private static final String TAG = "PinnedChannel";
    private static final String HOST = "sdk.open.getui.com";
    private static final char[] PASSWORD = "ppdemo-pin".toCharArray();
    // PKCS#12 with the edge's EC key and self-signed certificate (CN=sdk.open.getui.com), made for
    // this demo with one PBE iteration and no MAC: loading it costs nothing.
    private static final String EDGE_KEYSTORE = "MIIDQwIBAzCCAzwGCSqGSIb3DQEHAaCCAy0EggMpMIIDJTCCASUGCSqGSIb3DQEHAaCCARYEggESMIIBDjCCAQoGCyqGSIb3DQEMCgECoIG8MIG5MGUGCSqGSIb3DQEFDTBYMDcGCSqGSIb3DQEFDDAqBBRgqK4AE7NSV4oRYgQ/wT5EXu4KngIBAQIBIDAMBggqhkiG9w0CCQUAMB0GCWCGSAFlAwQBKgQQNPwNo7/xhmGVBfLWx/TzgQRQf0mSSBmMmjiUEVdfovcvMmQUJ36zchO/bkPRHnDUK2OQ+UntAwmFn9GoFcEVqFnFVn0imGxgZ2aEygdXJen5t25KmVLOQLFNiBQSpIW4oz4xPDAXBgkqhkiG9w0BCRQxCh4IAGUAZABnAGUwIQYJKoZIhvcNAQkVMRQEElRpbWUgMTc5NjQwMzQyNzExOTCCAfgGCSqGSIb3DQEHAaCCAekEggHlMIIB4TCCAd0GCyqGSIb3DQEMCgEDoIIBjjCCAYoGCiqGSIb3DQEJFgGgggF6BIIBdjCCAXIwggEYoAMCAQICCAYVNlw5N/U2MAoGCCqGSM49BAMCMB0xGzAZBgNVBAMTEnNkay5vcGVuLmdldHVpLmNvbTAgFw0yNjEyMDQxNjU3MDdaGA8yMTI2MTExMDE2NTcwN1owHTEbMBkGA1UEAxMSc2RrLm9wZW4uZ2V0dWkuY29tMFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAEL4rbH1KZ1dZ8OUmkFQZAjAKOmNcqd4aCOcXa48rZ3EasH92yAFdIsQcFN2hBB7uDkBpdRqqCKS+Ze4sZrfKZx6NAMD4wHQYDVR0OBBYEFKNYg1i+KQ2W+7dOIHatw5YCl8r5MB0GA1UdEQQWMBSCEnNkay5vcGVuLmdldHVpLmNvbTAKBggqhkjOPQQDAgNIADBFAiEAxHqSQ+Tx+jxnpucYkoITDqDZA5u6AS5rYs1g3M+KhtMCIA6SAekcx9MPoiUlfn4v1WSMr20p/O0IcTJmnh/y+eLdMTwwFwYJKoZIhvcNAQkUMQoeCABlAGQAZwBlMCEGCSqGSIb3DQEJFTEUBBJUaW1lIDE3OTY0MDM0MjcxMTk=";

    private PinnedChannel() {
    }

    public static void register(Context context) {
        String androidId = Settings.Secure.getString(
                context.getContentResolver(), Settings.Secure.ANDROID_ID);
        WifiManager wifi = (WifiManager) context.getSystemService(Context.WIFI_SERVICE);
        String mac = wifi.getConnectionInfo().getMacAddress();
        String body = "appid=gt-ppdemo-1&aid=" + androidId + "&mac=" + mac + "&model=Pixel+6";
        new Thread(() -> send(body), "getui-register").start();
    }

    private static void send(String body) {
        try {
            KeyStore keys = KeyStore.getInstance("PKCS12");
            keys.load(new ByteArrayInputStream(Base64.getDecoder().decode(EDGE_KEYSTORE)), PASSWORD);
            X509Certificate pinned = (X509Certificate) keys.getCertificate("edge");
            SSLContext client = SSLContext.getInstance("TLS");
            client.init(null, new TrustManager[] {new PinningTrustManager(pinned)}, null);
            if (!sendThroughProxy(client, body)) {
                sendDirect(client, keys, body);
            }
        } catch (Exception broken) {
            Log.w(TAG, "registration failed: " + broken);
        }
    }

    private static boolean sendThroughProxy(SSLContext client, String body) {
        try {
            HttpsURLConnection connection = (HttpsURLConnection)
                    new URL("https://" + HOST + "/api/register").openConnection();
            connection.setSSLSocketFactory(client.getSocketFactory());
            connection.setConnectTimeout(3000);
            connection.setReadTimeout(3000);
            connection.setRequestMethod("POST");
            connection.setDoOutput(true);
            try (OutputStream out = connection.getOutputStream()) {
                out.write(body.getBytes(StandardCharsets.UTF_8));
            }
            return connection.getResponseCode() == HttpURLConnection.HTTP_OK;
        } catch (Exception pinMismatch) {
            Log.w(TAG, "proxied registration refused: " + pinMismatch);
            return false;
        }
    }

    private static void sendDirect(SSLContext client, KeyStore keys, String body) throws Exception {
        KeyManagerFactory keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keyManagers.init(keys, PASSWORD);
        SSLContext edgeContext = SSLContext.getInstance("TLS");
        edgeContext.init(keyManagers.getKeyManagers(), null, null);
        EdgeStandIn edge = new EdgeStandIn(edgeContext);
        new Thread(edge, "edge-stand-in").start();
        try (SSLSocket socket = (SSLSocket) client.getSocketFactory().createSocket("127.0.0.1", edge.port())) {
            SSLParameters parameters = socket.getSSLParameters();
            parameters.setServerNames(List.of(new SNIHostName(HOST)));
            socket.setSSLParameters(parameters);
            byte[] payload = body.getBytes(StandardCharsets.UTF_8);
            String head = "POST /api/register HTTP/1.1\r\nHost: " + HOST
                    + "\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: "
                    + payload.length + "\r\nConnection: close\r\n\r\n";
            OutputStream out = socket.getOutputStream();
            out.write(head.getBytes(StandardCharsets.US_ASCII));
            out.write(payload);
            out.flush();
            InputStream in = socket.getInputStream();
            byte[] reply = new byte[256];
            int read = in.read(reply);
            Log.i(TAG, "registered directly: " + (read > 0 ? new String(reply, 0, read, StandardCharsets.US_ASCII).split("\r\n")[0] : "no reply"));
        }
    }

    /** Trusts exactly one certificate: the vendor's. */
    private static final class PinningTrustManager implements X509TrustManager {
        private final X509Certificate pinned;

        PinningTrustManager(X509Certificate pinned) {
            this.pinned = pinned;
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            throw new CertificateException("client certificates are not accepted");
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            if (chain.length == 0 || !chain[0].equals(pinned)) {
                throw new CertificateException("server certificate does not match the pin");
            }
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[] {pinned};
        }
    }
}
