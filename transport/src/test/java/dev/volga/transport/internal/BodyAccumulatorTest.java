package dev.volga.transport.internal;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class BodyAccumulatorTest {

    private static boolean add(BodyAccumulator acc, String s) {
        ByteBuf buf = Unpooled.wrappedBuffer(s.getBytes(StandardCharsets.US_ASCII));
        try {
            return acc.add(buf);
        } finally {
            buf.release();
        }
    }

    @Test
    void aDeclaredLengthFillsOneExactArray() {
        BodyAccumulator acc = new BodyAccumulator(10, 100);
        assertThat(add(acc, "01234")).isTrue();
        assertThat(add(acc, "56789")).isTrue();
        assertThat(new String(acc.bytes(), StandardCharsets.US_ASCII)).isEqualTo("0123456789");
    }

    @Test
    void withoutALengthChunksAreJoinedOnce() {
        BodyAccumulator acc = new BodyAccumulator(-1, 100);
        for (String s : new String[] {"ab", "cd", "ef"}) {
            assertThat(add(acc, s)).isTrue();
        }
        assertThat(new String(acc.bytes(), StandardCharsets.US_ASCII)).isEqualTo("abcdef");
    }

    @Test
    void moreThanDeclaredStillArrivesWhole() {
        BodyAccumulator acc = new BodyAccumulator(3, 100);
        assertThat(add(acc, "abc")).isTrue();
        assertThat(add(acc, "de")).isTrue();
        assertThat(new String(acc.bytes(), StandardCharsets.US_ASCII)).isEqualTo("abcde");
    }

    @Test
    void theCapIsNeverPassed() {
        BodyAccumulator acc = new BodyAccumulator(-1, 5);
        assertThat(add(acc, "abc")).isTrue();
        assertThat(add(acc, "def")).as("8 bytes > cap 5").isFalse();
        BodyAccumulator empty = new BodyAccumulator(0, 5);
        assertThat(empty.bytes()).isEmpty();
    }
}
