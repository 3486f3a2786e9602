package dev.volga.endocs.internal;

import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.json.JsonMapper;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a file download body, {@code {"binaries":[{"fileName":…,"fileBase64":…}]}}, decoding each
 * base64 string straight from the response bytes into the sink: the decoded size is counted first,
 * so a byte-array sink gets an array of exactly that size, and no {@code String} or char buffer of the
 * base64 text is ever made. JSON escapes inside the base64 text ({@code \u002B} for {@code +}, as
 * System.Text.Json writes it, {@code \/}) are understood.
 */
public final class FileCollectionReader {

    /**
     * Where decoded files go.
     *
     * @param <R> what a stored file becomes
     */
    public interface Sink<R> {
        /**
         * Opens the destination of a file's bytes.
         *
         * @param size the exact decoded size
         * @return where to write them
         * @throws IOException if it cannot be opened
         */
        OutputStream open(long size) throws IOException;

        /**
         * Completes a file once its name and bytes are both read.
         *
         * @param out the stream {@link #open} returned (already written)
         * @param fileName the file name, or null if the server sent none
         * @return the result for this file
         * @throws IOException if it cannot be completed
         */
        R complete(OutputStream out, String fileName) throws IOException;
    }

    private FileCollectionReader() {
    }

    /**
     * Reads every file of a body into the sink.
     *
     * @param mapper the mapper (for its parser factory)
     * @param body the response body
     * @param sink where files go
     * @param <R> the per-file result
     * @return the results in body order
     * @throws IOException from the sink
     * @throws IllegalArgumentException if the body is not a file collection
     */
    public static <R> List<R> read(JsonMapper mapper, byte[] body, Sink<R> sink) throws IOException {
        List<R> results = new ArrayList<>();
        try (JsonParser p = mapper.createParser(body)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new IllegalArgumentException("expected a JSON object with 'binaries'");
            }
            boolean found = false;
            while (p.nextToken() == JsonToken.PROPERTY_NAME) {
                String name = p.currentName();
                JsonToken t = p.nextToken();
                if (!"binaries".equalsIgnoreCase(name)) {
                    p.skipChildren();
                    continue;
                }
                found = true;
                if (t == JsonToken.VALUE_NULL) {
                    continue;
                }
                if (t != JsonToken.START_ARRAY) {
                    throw new IllegalArgumentException("expected 'binaries' to be an array, got " + t);
                }
                while (p.nextToken() != JsonToken.END_ARRAY) {
                    if (p.currentToken() != JsonToken.START_OBJECT) {
                        throw new IllegalArgumentException("expected a file object in 'binaries', got " + p.currentToken());
                    }
                    results.add(readFile(p, body, sink));
                }
            }
            if (!found) {
                throw new IllegalArgumentException("expected a JSON object with 'binaries', found none");
            }
        }
        return results;
    }

    private static <R> R readFile(JsonParser p, byte[] body, Sink<R> sink) throws IOException {
        String fileName = null;
        OutputStream out = null;
        while (p.nextToken() == JsonToken.PROPERTY_NAME) {
            String name = p.currentName();
            JsonToken t = p.nextToken();
            if ("fileName".equalsIgnoreCase(name)) {
                fileName = t == JsonToken.VALUE_NULL ? null : p.getString();
            } else if ("fileBase64".equalsIgnoreCase(name) && t == JsonToken.VALUE_STRING && out == null) {
                long offset = p.currentTokenLocation().getByteOffset();
                if (offset >= 0 && offset < body.length && body[(int) offset] == '"') {
                    int start = (int) offset + 1;
                    long size = decodedSize(body, start);
                    out = sink.open(size);
                    decode(body, start, out);
                } else {
                    // no reliable offset: let the parser decode (it still needs no String of the text)
                    ByteArrayOutputStream buffer = new ByteArrayOutputStream();
                    p.readBinaryValue(buffer);
                    out = sink.open(buffer.size());
                    buffer.writeTo(out);
                }
            } else {
                p.skipChildren();
            }
        }
        if (out == null) {
            out = sink.open(0);
        }
        return sink.complete(out, fileName);
    }

    /** Walks the characters of a JSON string from {@code start} (after the quote), resolving escapes. */
    private static final class Chars {
        private final byte[] b;
        private int i;

        Chars(byte[] b, int start) {
            this.b = b;
            this.i = start;
        }

        /** @return the next character, or -1 at the closing quote */
        int next() {
            if (i >= b.length) {
                throw new IllegalArgumentException("unterminated base64 string");
            }
            int c = b[i++] & 0xFF;
            if (c == '"') {
                return -1;
            }
            if (c != '\\') {
                return c;
            }
            if (i >= b.length) {
                throw new IllegalArgumentException("unterminated escape in base64 string");
            }
            int e = b[i++];
            switch (e) {
                case 'u' -> {
                    if (i + 4 > b.length) {
                        throw new IllegalArgumentException("unterminated \\u escape in base64 string");
                    }
                    int v = Integer.parseInt(new String(b, i, 4, java.nio.charset.StandardCharsets.US_ASCII), 16);
                    i += 4;
                    return v;
                }
                case '/' -> {
                    return '/';
                }
                case 'n', 'r', 't' -> {
                    return ' ';
                }
                default -> throw new IllegalArgumentException("unexpected escape \\" + (char) e + " in base64 string");
            }
        }
    }

    private static int value(int c) {
        if (c >= 'A' && c <= 'Z') {
            return c - 'A';
        }
        if (c >= 'a' && c <= 'z') {
            return c - 'a' + 26;
        }
        if (c >= '0' && c <= '9') {
            return c - '0' + 52;
        }
        if (c == '+') {
            return 62;
        }
        if (c == '/') {
            return 63;
        }
        return -1;
    }

    private static long decodedSize(byte[] body, int start) {
        Chars chars = new Chars(body, start);
        long n = 0;
        boolean padding = false;
        for (int c = chars.next(); c >= 0; c = chars.next()) {
            if (c == '=') {
                padding = true;
            } else if (value(c) >= 0) {
                if (padding) {
                    throw new IllegalArgumentException("base64 data after padding");
                }
                n++;
            } else if (c != ' ') {
                throw new IllegalArgumentException("invalid base64 character '" + (char) c + "'");
            }
        }
        if (n % 4 == 1) {
            throw new IllegalArgumentException("truncated base64 data");
        }
        return n * 6 / 8;
    }

    private static void decode(byte[] body, int start, OutputStream out) throws IOException {
        Chars chars = new Chars(body, start);
        byte[] buf = new byte[8192];
        int len = 0;
        int acc = 0;
        int bits = 0;
        for (int c = chars.next(); c >= 0; c = chars.next()) {
            int v = value(c);
            if (v < 0) {
                continue;
            }
            acc = (acc << 6) | v;
            bits += 6;
            if (bits >= 8) {
                bits -= 8;
                buf[len++] = (byte) (acc >> bits);
                acc &= (1 << bits) - 1;
                if (len == buf.length) {
                    out.write(buf, 0, len);
                    len = 0;
                }
            }
        }
        out.write(buf, 0, len);
    }
}
