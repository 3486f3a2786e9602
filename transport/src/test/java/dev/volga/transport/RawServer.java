package dev.volga.transport;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A hostile HTTP/1.1 server on a raw loopback socket, for what the testkit's well-behaved stubs
 * cannot send: it reads each request's head, then lets {@link Answer} write whatever bytes it
 * likes, and closes the connection. One thread per connection; {@link #close()} stops it all.
 */
final class RawServer implements AutoCloseable {

    /** Writes the answer to one request. */
    interface Answer {
        /**
         * @param n the request's number, from 1
         * @param out the connection
         * @throws IOException when the client goes away (the connection is then closed)
         * @throws InterruptedException when the server closes
         */
        void write(int n, OutputStream out) throws IOException, InterruptedException;
    }

    private final ServerSocket socket;
    private final AtomicInteger requests = new AtomicInteger();
    private final AtomicInteger connections = new AtomicInteger();
    private final boolean keepAlive;
    private final Thread acceptor;
    private volatile boolean closed;

    private RawServer(Answer answer, boolean keepAlive) throws IOException {
        this.keepAlive = keepAlive;
        socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        acceptor = new Thread(() -> {
            while (!closed) {
                try {
                    Socket s = socket.accept();
                    connections.incrementAndGet();
                    Thread t = new Thread(() -> serve(s, answer), "raw-server-conn");
                    t.setDaemon(true);
                    t.start();
                } catch (IOException e) {
                    return; // closed
                }
            }
        }, "raw-server");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /**
     * @param answer what to write for each request
     * @return the running server
     */
    static RawServer start(Answer answer) {
        return start(answer, false);
    }

    /**
     * @param answer what to write for each request
     * @param keepAlive whether a connection serves request after request until the client closes it
     *                  (each answer then frames its body) instead of closing after one answer
     * @return the running server
     */
    static RawServer start(Answer answer, boolean keepAlive) {
        try {
            return new RawServer(answer, keepAlive);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** An answer of fixed bytes (ISO-8859-1). */
    static Answer bytes(String response) {
        byte[] b = response.getBytes(StandardCharsets.ISO_8859_1);
        return (n, out) -> out.write(b);
    }

    private void serve(Socket s, Answer answer) {
        try (s; InputStream in = s.getInputStream(); OutputStream out = s.getOutputStream()) {
            do {
                int matched = 0;
                // the request head ends with CRLF CRLF; the tests send no body
                while (matched < 4) {
                    int b = in.read();
                    if (b < 0) {
                        return;
                    }
                    matched = (b == "\r\n\r\n".charAt(matched)) ? matched + 1 : (b == '\r' ? 1 : 0);
                }
                answer.write(requests.incrementAndGet(), out);
                out.flush();
            } while (keepAlive);
        } catch (IOException e) {
            // the client went away
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Sleeps, for answers that drip. */
    static void pause(Duration d) throws InterruptedException {
        Thread.sleep(d.toMillis());
    }

    String baseUrl() {
        return "http://127.0.0.1:" + socket.getLocalPort();
    }

    /** @return how many connections were accepted */
    int connections() {
        return connections.get();
    }

    /** @return how many request heads arrived */
    int requests() {
        return requests.get();
    }

    @Override
    public void close() {
        closed = true;
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing
        }
    }
}
