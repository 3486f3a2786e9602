package dev.volga.testkit.junit;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.HttpURLConnection;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.util.Map;

/** Plain JDK HTTP for the extension's tests: they are about the stubs' lifecycle, not a client. */
final class Http {

    private Http() {
    }

    /** Sends a GET and returns the status, reading and discarding the body. */
    static int get(String url, Map<String, String> headers) {
        try {
            HttpURLConnection c = (HttpURLConnection) URI.create(url).toURL().openConnection();
            c.setConnectTimeout(5_000);
            c.setReadTimeout(10_000);
            headers.forEach(c::setRequestProperty);
            int status = c.getResponseCode();
            try (InputStream body = status < 400 ? c.getInputStream() : c.getErrorStream()) {
                if (body != null) {
                    body.readAllBytes();
                }
            }
            c.disconnect();
            return status;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Whether an HTTP server answers at the URL's port on loopback. Not a bare connect: a connect to
     * a freed port in the ephemeral range can connect the socket to itself (Linux "self-connect"),
     * so the probe sends a request and wants an HTTP status line back.
     */
    static boolean listening(String url) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", URI.create(url).getPort()), 2_000);
            socket.setSoTimeout(5_000);
            socket.getOutputStream().write("GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"
                    .getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            byte[] head = socket.getInputStream().readNBytes(5);
            return new String(head, java.nio.charset.StandardCharsets.US_ASCII).equals("HTTP/");
        } catch (java.net.SocketException e) { // refused, reset or closed: nobody answers
            return false;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
