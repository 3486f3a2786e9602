package dev.volga.transport.internal;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.util.AttributeKey;
import reactor.netty.NettyPipeline;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * Keeps secret query parameters (Nodul's {@code AUTH_TOKEN}) out of Reactor Netty's own logs.
 * Reactor Netty logs the full request URI at DEBUG ("Handler is being applied: {uri=…}"), so the
 * URI it is given carries a placeholder ({@code AUTH_TOKEN=***0}) instead of the secret, and a
 * handler just above the HTTP codec puts the real value back into the request line as it is
 * encoded. Everything above that handler, Reactor Netty's logs and Volga's wire log included,
 * sees only placeholders.
 *
 * @param url the URL to give Reactor Netty
 * @param secrets the real (URL-encoded) value of each placeholder, in the order they appear
 */
public record SecretQuery(String url, Map<String, String> secrets) {

    /** The placeholders of the request being written on a channel (HTTP/1.1: one at a time). */
    static final AttributeKey<Map<String, String>> PENDING = AttributeKey.valueOf("volga.secretQuery");
    /** The name of the restoring handler in a channel's pipeline. */
    static final String HANDLER = "volga.secretQuery";

    private static final String PLACEHOLDER = "***";
    private static final String[] PLACEHOLDERS = {"***0", "***1", "***2", "***3"};
    private static final Restore RESTORE = new Restore();

    /** Copies the map. */
    public SecretQuery {
        secrets = Map.copyOf(secrets);
    }

    /**
     * Replaces every query value that holds a secret the redactor knows with a placeholder.
     *
     * @param url the real URL, values URL-encoded
     * @param redactor masks the secrets of the request's client
     * @return the safe URL with the placeholders' values; the URL itself when no value is secret
     */
    public static SecretQuery of(String url, UnaryOperator<String> redactor) {
        return of(url, Map.of(), redactor);
    }

    /**
     * As {@link #of(String, UnaryOperator)}, for a URL whose known secrets are placeholders
     * already ({@link #placeholder}, numbered from 0): those are kept, and only the other values
     * are checked against the redactor (a secret the request did not declare, say in an absolute
     * URL). Most requests declare their secret parameters: no value of theirs is scrubbed.
     *
     * @param url the URL, values URL-encoded, declared secrets as placeholders
     * @param known the real (URL-encoded) value of each placeholder in {@code url}
     * @param redactor masks the secrets of the request's client
     * @return the safe URL with the placeholders' values
     */
    public static SecretQuery of(String url, Map<String, String> known, UnaryOperator<String> redactor) {
        // nothing is built unless an undeclared value is secret
        class Undeclared implements UnaryOperator<String> {
            Map<String, String> secrets;

            @Override
            public String apply(String value) {
                if (known.containsKey(value) || !isSecret(value, redactor)) {
                    return null;
                }
                if (secrets == null) {
                    secrets = new LinkedHashMap<>(known);
                }
                String placeholder = placeholder(secrets.size());
                secrets.put(placeholder, value);
                return placeholder;
            }
        }
        Undeclared undeclared = new Undeclared();
        String safe = replaceValues(url, undeclared);
        return new SecretQuery(safe, undeclared.secrets == null ? known : undeclared.secrets);
    }

    /**
     * @param index the secret's number in its URL, from 0
     * @return the placeholder that stands for it
     */
    public static String placeholder(int index) {
        return index < PLACEHOLDERS.length ? PLACEHOLDERS[index] : PLACEHOLDER + index;
    }

    private static boolean isSecret(String encoded, UnaryOperator<String> redactor) {
        if (encoded.indexOf('%') < 0 && encoded.indexOf('+') < 0) {
            // decodes to itself: one scrub is enough (the common case, a token of URL-safe characters)
            return !redactor.apply(encoded).equals(encoded);
        }
        String decoded;
        try {
            decoded = URLDecoder.decode(encoded, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            decoded = encoded;
        }
        return !redactor.apply(decoded).equals(decoded) || !redactor.apply(encoded).equals(encoded);
    }

    /**
     * Hands this request's placeholders to the channel that is about to write it (none: clears
     * what an earlier request on the channel may have left).
     *
     * @param channel the request's channel
     */
    void prepare(Channel channel) {
        channel.attr(PENDING).set(secrets.isEmpty() ? null : secrets);
    }

    /**
     * Adds the restoring handler to a new channel's pipeline, just below Reactor Netty's bridge.
     *
     * @param channel a channel being initialised
     */
    static void install(Channel channel) {
        if (channel.pipeline().get(NettyPipeline.ReactiveBridge) != null) {
            channel.pipeline().addBefore(NettyPipeline.ReactiveBridge, HANDLER, RESTORE);
        } else {
            channel.pipeline().addLast(HANDLER, RESTORE);
        }
    }

    /**
     * The URI with each placeholder value replaced by its real value.
     *
     * @param uri a request URI with placeholders
     * @param secrets the real value of each placeholder
     * @return the URI to send
     */
    static String restore(String uri, Map<String, String> secrets) {
        return replaceValues(uri, secrets::get);
    }

    /**
     * One pass of {@code indexOf} over a URL's query: each non-empty value that {@code replacement}
     * maps to a string is replaced by it, the rest is kept as it is.
     *
     * @param url a URL, values URL-encoded
     * @param replacement a value's replacement, or null to keep it
     * @return the URL with the replacements; the URL itself when there are none
     */
    private static String replaceValues(String url, UnaryOperator<String> replacement) {
        int q = url.indexOf('?');
        if (q < 0) {
            return url;
        }
        StringBuilder out = null;
        int copied = 0;
        for (int start = q + 1; start <= url.length(); ) {
            int end = url.indexOf('&', start);
            end = end < 0 ? url.length() : end;
            int eq = url.indexOf('=', start);
            if (eq >= 0 && eq + 1 < end) {
                String replaced = replacement.apply(url.substring(eq + 1, end));
                if (replaced != null) {
                    if (out == null) {
                        out = new StringBuilder(url.length() + 64);
                    }
                    out.append(url, copied, eq + 1).append(replaced);
                    copied = end;
                }
            }
            start = end + 1;
        }
        return out == null ? url : out.append(url, copied, url.length()).toString();
    }

    @Override
    public String toString() {
        return "SecretQuery[" + url + "]";
    }

    /** Puts the real values into the request line of the request being written. */
    @ChannelHandler.Sharable
    static final class Restore extends ChannelOutboundHandlerAdapter {
        @Override
        public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) throws Exception {
            if (msg instanceof HttpRequest request) {
                Map<String, String> secrets = ctx.channel().attr(PENDING).getAndSet(null);
                if (secrets != null) {
                    request.setUri(restore(request.uri(), secrets));
                }
            }
            ctx.write(msg, promise);
        }
    }
}
