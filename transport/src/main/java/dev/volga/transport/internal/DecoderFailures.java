package dev.volga.transport.internal;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.DecoderException;
import io.netty.handler.codec.DecoderResult;
import io.netty.handler.codec.DecoderResultProvider;
import reactor.netty.NettyPipeline;

/**
 * Makes every failure of Netty's HTTP decoder recognisable as one. The decoder reports a response
 * it cannot read (an unknown version, a bad chunk size, an unreadable {@code Content-Length}) by
 * a failed {@link DecoderResult} whose cause is whatever the parser threw, often a bare
 * {@link IllegalArgumentException} or {@link NumberFormatException}; Reactor Netty passes that
 * cause on as the exchange's error. This handler, just below Reactor Netty's bridge, wraps such a
 * cause in a {@link DecoderException} (too-long lines and headers already are one), so that
 * {@link HttpExchange} can type all of them as a malformed response without mistaking an
 * {@code IllegalArgumentException} from elsewhere for one.
 */
@ChannelHandler.Sharable
final class DecoderFailures extends ChannelInboundHandlerAdapter {

    /** The name of the handler in a channel's pipeline. */
    static final String HANDLER = "volga.decoderFailures";

    private static final DecoderFailures INSTANCE = new DecoderFailures();

    private DecoderFailures() {
    }

    /**
     * Adds the handler to a new channel's pipeline, just below Reactor Netty's bridge.
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

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof DecoderResultProvider p && p.decoderResult().isFailure()
                && !(p.decoderResult().cause() instanceof DecoderException)) {
            p.setDecoderResult(DecoderResult.failure(new DecoderException(p.decoderResult().cause())));
        }
        ctx.fireChannelRead(msg);
    }
}
