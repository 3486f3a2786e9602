package dev.volga.transport.internal;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.AttributeKey;
import reactor.netty.NettyPipeline;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * Volga's wiretap: every HTTP message a connection writes and reads, as text at DEBUG (logger
 * {@value #LOGGER}), with secrets masked. Reactor Netty's {@code HttpClient.wiretap(true)} logs the
 * raw bytes (a hex dump with a text column), credentials included, so the transport replaces it by
 * this one. It sits above the handler that restores secret query values, so request URIs show
 * placeholders; header values of credential headers are always masked, and everything else goes
 * through the redactor of the client whose request is on the connection.
 */
@ChannelHandler.Sharable
public final class WireLog extends ChannelDuplexHandler {

    /** The logger of the wire log. */
    public static final String LOGGER = "dev.volga.transport.wire";
    /** Bodies are shown up to this many characters. */
    static final int MAX_BODY_CHARS = 2048;

    static final AttributeKey<UnaryOperator<String>> REDACTOR = AttributeKey.valueOf("volga.wireLog.redactor");
    private static final String HANDLER = "volga.wireLog";
    private static final Set<String> CREDENTIAL_HEADERS = Set.of("authorization", "proxy-authorization", "x-auth-token",
            "x-auth-key", "x-api-key", "cookie", "set-cookie");
    private static final System.Logger LOG = System.getLogger(LOGGER);
    private static final WireLog INSTANCE = new WireLog();

    private WireLog() {
    }

    /**
     * Adds the wire log to a new channel's pipeline, just below Reactor Netty's bridge (above the
     * handler that restores secret query values).
     *
     * @param channel a channel being initialised
     */
    static void install(Channel channel) {
        if (channel.pipeline().get(NettyPipeline.ReactiveBridge) != null) {
            channel.pipeline().addBefore(NettyPipeline.ReactiveBridge, HANDLER, INSTANCE);
        } else {
            channel.pipeline().addLast(HANDLER, INSTANCE);
        }
    }

    /**
     * Tells the channel whose secrets to mask for the request it is about to write.
     *
     * @param channel the request's channel
     * @param redactor the client's redactor
     */
    static void prepare(Channel channel, UnaryOperator<String> redactor) {
        channel.attr(REDACTOR).set(redactor);
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) throws Exception {
        if (LOG.isLoggable(System.Logger.Level.DEBUG)) {
            log(ctx.channel(), "→", msg);
        }
        ctx.write(msg, promise);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) throws Exception {
        if (LOG.isLoggable(System.Logger.Level.DEBUG)) {
            log(ctx.channel(), "←", msg);
        }
        ctx.fireChannelRead(msg);
    }

    private static void log(Channel channel, String direction, Object msg) {
        String text = describe(msg);
        if (text == null) {
            return;
        }
        UnaryOperator<String> redactor = channel.attr(REDACTOR).get();
        String safe = redactor == null ? text : redactor.apply(text);
        LOG.log(System.Logger.Level.DEBUG, () -> "[" + channel.id().asShortText() + "] " + direction + " " + safe);
    }

    /** A message as text, credential header values masked; null for what is not HTTP. */
    static String describe(Object msg) {
        StringBuilder sb = new StringBuilder();
        if (msg instanceof HttpRequest r) {
            sb.append(r.method()).append(' ').append(r.uri()).append(' ').append(r.protocolVersion());
            headers(sb, r.headers());
        } else if (msg instanceof HttpResponse r) {
            sb.append(r.protocolVersion()).append(' ').append(r.status());
            headers(sb, r.headers());
        }
        if (msg instanceof HttpContent c) {
            ByteBuf content = c.content();
            int n = content.readableBytes();
            if (n > 0) {
                int shown = Math.min(n, MAX_BODY_CHARS);
                if (sb.length() > 0) {
                    sb.append('\n');
                }
                sb.append(content.toString(content.readerIndex(), shown, StandardCharsets.UTF_8));
                if (shown < n) {
                    sb.append("… (").append(n).append(" bytes)");
                }
            }
            if (msg instanceof LastHttpContent last && !last.trailingHeaders().isEmpty()) {
                headers(sb, last.trailingHeaders());
            }
        }
        return sb.length() == 0 ? null : sb.toString();
    }

    private static void headers(StringBuilder sb, HttpHeaders headers) {
        for (Map.Entry<String, String> h : headers) {
            boolean credential = CREDENTIAL_HEADERS.contains(h.getKey().toLowerCase(Locale.ROOT));
            sb.append('\n').append(h.getKey()).append(": ").append(credential ? Redactor.MASK : h.getValue());
        }
    }
}
