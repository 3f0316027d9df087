package com.getui.push;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;

/**
 * The push vendor's edge server, played on loopback because the simulated device is offline: it
 * holds the certificate the SDK pins, reads one request and answers 200. Not part of a real SDK.
 */
final class EdgeStandIn implements Runnable {
    private final SSLServerSocket server;

    EdgeStandIn(SSLContext context) throws Exception {
        server = (SSLServerSocket) context.getServerSocketFactory()
                .createServerSocket(0, 1, InetAddress.getLoopbackAddress());
    }

    int port() {
        return server.getLocalPort();
    }

    @Override
    public void run() {
        try (SSLServerSocket listening = server; SSLSocket client = (SSLSocket) listening.accept()) {
            InputStream in = client.getInputStream();
            byte[] buffer = new byte[8192];
            int read = in.read(buffer);
            while (read > 0 && !new String(buffer, 0, read, StandardCharsets.ISO_8859_1).contains("\r\n\r\n")) {
                read = in.read(buffer);
            }
            OutputStream out = client.getOutputStream();
            out.write("HTTP/1.1 200 OK\r\nContent-Length: 2\r\nConnection: close\r\n\r\nok"
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
        } catch (Exception ignored) {
            // the stand-in only serves the demo's one registration
        }
    }
}
