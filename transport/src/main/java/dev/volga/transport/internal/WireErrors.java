package dev.volga.transport.internal;

import dev.volga.api.ApiError;
import dev.volga.api.TransportException;
import io.netty.handler.timeout.ReadTimeoutException;
import reactor.netty.http.client.PrematureCloseException;

import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.concurrent.TimeoutException;

/** The wire's failures as typed {@link TransportException}s: what happened, and whether the request may have been sent. */
final class WireErrors {

    private WireErrors() {
    }

    /**
     * A wire failure as the {@link TransportException} it is, saying whether the request may have
     * reached the server; any other failure as it is.
     *
     * @param e the failure
     * @param written whether any of the request was written
     * @param provider the provider
     * @param request the request
     * @param timeout the response timeout that applied
     * @return the failure to signal
     */
    static Throwable wireError(Throwable e, boolean written, String provider, WireRequest request, Duration timeout) {
        TransportException.Kind kind;
        boolean sent = written;
        String what;
        if (e instanceof TimeoutException) {
            kind = TransportException.Kind.TIMEOUT;
            what = "no complete response within " + timeout;
        } else if (e instanceof ReadTimeoutException) {
            kind = TransportException.Kind.TIMEOUT;
            what = "no response data for " + timeout;
        } else if (isConnectFailure(e)) {
            kind = TransportException.Kind.CONNECT;
            sent = false;
            what = "cannot connect";
        } else if (e instanceof io.netty.handler.codec.DecoderException && !(e.getCause() instanceof javax.net.ssl.SSLException)) {
            // a response HTTP's framing cannot carry (see DecoderFailures); we did get an answer
            kind = TransportException.Kind.MALFORMED_RESPONSE;
            sent = true;
            what = "malformed response";
            e = e.getCause() != null && !(e instanceof io.netty.handler.codec.TooLongFrameException) ? e.getCause() : e;
        } else if (e instanceof PrematureCloseException) {
            kind = TransportException.Kind.CONNECTION_CLOSED;
            what = "connection closed before the response was complete";
        } else if (e instanceof IOException) {
            kind = TransportException.Kind.IO;
            what = "I/O failure";
        } else {
            return e;
        }
        String detail = e.getMessage() == null ? e.getClass().getSimpleName() : e.getClass().getSimpleName() + ": " + e.getMessage();
        return new TransportException(ApiError.builder(provider)
                .message(request.printable() + ": " + what + " (" + detail + ")" + (sent ? "" : "; the request was not sent"))
                .build(), kind, sent, e);
    }

    private static boolean isConnectFailure(Throwable e) {
        if (e instanceof ConnectException || e instanceof UnknownHostException || e instanceof NoRouteToHostException
                || e instanceof io.netty.channel.ConnectTimeoutException) {
            return true;
        }
        // reactor-pool's acquire failures live in a shaded internal package: match by name
        String name = e.getClass().getSimpleName();
        return name.equals("PoolAcquireTimeoutException") || name.equals("PoolAcquirePendingLimitException");
    }

    /** A response past the size cap. */
    static TransportException tooLarge(String provider, WireRequest request, int status, long declared, int cap) {
        String size = declared > 0 ? declared + " bytes declared" : "more than " + cap + " bytes";
        return new TransportException(ApiError.builder(provider).httpStatus(status)
                .message(request.printable() + ": response too large (" + size + ", cap " + cap
                        + " bytes); raise maxResponseSize to accept it")
                .build(), TransportException.Kind.RESPONSE_TOO_LARGE, true, null);
    }
}
