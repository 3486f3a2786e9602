package dev.volga.transport.internal;

import io.netty.buffer.ByteBuf;

import java.util.ArrayList;
import java.util.List;

/**
 * Copies response bytes out of Netty buffers as they arrive, refusing to grow past the cap. With
 * a declared length the bytes go straight into one exactly sized array (peak 1× the body);
 * without, each chunk is kept as it came and joined once at the end (peak 2×, never the 3× of a
 * doubling buffer).
 */
final class BodyAccumulator {
    private final int cap;
    private byte[] exact;
    private List<byte[]> chunks;
    private int size;

    BodyAccumulator(long declared, int cap) {
        this.cap = cap;
        if (declared >= 0 && declared <= cap) {
            this.exact = new byte[(int) declared];
        } else {
            this.chunks = new ArrayList<>();
        }
    }

    boolean add(ByteBuf buf) {
        int n = buf.readableBytes();
        if ((long) size + n > cap) {
            return false;
        }
        if (exact != null && size + n <= exact.length) {
            buf.getBytes(buf.readerIndex(), exact, size, n);
        } else {
            if (exact != null) { // more than declared: keep going as chunks
                chunks = new ArrayList<>();
                chunks.add(java.util.Arrays.copyOf(exact, size));
                exact = null;
            }
            byte[] chunk = new byte[n];
            buf.getBytes(buf.readerIndex(), chunk);
            chunks.add(chunk);
        }
        size += n;
        return true;
    }

    byte[] bytes() {
        if (exact != null) {
            return size == exact.length ? exact : java.util.Arrays.copyOf(exact, size);
        }
        if (chunks.size() == 1) {
            return chunks.get(0);
        }
        byte[] all = new byte[size];
        int pos = 0;
        for (byte[] chunk : chunks) {
            System.arraycopy(chunk, 0, all, pos, chunk.length);
            pos += chunk.length;
        }
        chunks = null;
        return all;
    }
}
