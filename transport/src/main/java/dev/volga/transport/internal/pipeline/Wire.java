package dev.volga.transport.internal.pipeline;

import dev.volga.api.spi.ApiResponse;
import dev.volga.api.spi.Codec;
import dev.volga.transport.internal.BodyReader;
import dev.volga.transport.internal.HttpExchange;
import dev.volga.transport.internal.Redactor;
import dev.volga.transport.internal.SecretQuery;
import dev.volga.transport.internal.WireRequest;
import dev.volga.transport.spi.AccessToken;
import dev.volga.transport.spi.ApiRequest;
import dev.volga.transport.spi.Authenticator;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Step 5, the last: the request as it goes on the wire (base URL or the token's, path, query,
 * {@code Accept}, the request's headers, the credential the authenticator adds, every secret
 * remembered by the redactor) and its HTTP exchange, the response read through the call's
 * {@link BodyReader} ({@link Decode}).
 */
final class Wire implements Step {

    private static final System.Logger LOG = System.getLogger("dev.volga.transport");

    private final String baseUrl;
    /** The {@code Accept} header of every request, one entry for all. */
    private final Map.Entry<String, String> accept;
    private final Authenticator authenticator;
    private final Redactor redactor;
    private final HttpExchange.Bound exchange;
    /** The response timeout applied request by request (with a shared transport), or null. */
    private final Duration responseTimeout;

    Wire(String baseUrl, Codec codec, Authenticator authenticator, Redactor redactor, HttpExchange.Bound exchange,
         Duration responseTimeout) {
        this.baseUrl = stripTrailingSlash(baseUrl);
        this.accept = new AbstractMap.SimpleImmutableEntry<>("Accept", codec.accept());
        this.authenticator = authenticator;
        this.redactor = redactor;
        this.exchange = exchange;
        this.responseTimeout = responseTimeout;
    }

    @Override
    public <E> Flux<E> apply(Call<E> call, Chain<E> next) {
        return send(call.request, call.body, call.token, call.trace, call.reader);
    }

    /**
     * A request sent as it is, its response read whole (a login).
     *
     * @param request the request
     * @return the response
     */
    Mono<ApiResponse> raw(ApiRequest<?> request) {
        return send(request, null, Optional.empty(), null, BodyReader.raw()).singleOrEmpty();
    }

    private <E> Flux<E> send(ApiRequest<?> request, Object body, Optional<AccessToken> token, Map<String, String> trace,
                             BodyReader<E> reader) {
        WireRequest wire = wireRequest(request, body, token, trace);
        LOG.log(System.Logger.Level.DEBUG, () -> "→ " + wire.printable());
        return exchange.exchange(wire, reader);
    }

    private WireRequest wireRequest(ApiRequest<?> request, Object body, Optional<AccessToken> token,
                                                 Map<String, String> trace) {
        List<ApiRequest.Param> query = new ArrayList<>(request.query());
        List<Map.Entry<String, String>> headers = new ArrayList<>();
        headers.add(accept);
        for (ApiRequest.Param h : request.headers()) {
            headers.add(new AbstractMap.SimpleImmutableEntry<>(h.name(), h.value()));
            if (h.secret()) {
                redactor.remember(h.value());
            }
        }
        if (trace != null) {
            trace.forEach((name, value) -> headers.add(new AbstractMap.SimpleImmutableEntry<>(name, value)));
        }
        for (ApiRequest.Param q : request.query()) {
            if (q.secret()) {
                redactor.remember(q.value());
            }
        }
        String base = baseUrl;
        if (token.isPresent()) {
            AccessToken accessToken = token.get();
            if (accessToken.baseUrl() != null) {
                base = stripTrailingSlash(accessToken.baseUrl());
            }
            authenticator.apply(accessToken, new Authenticator.OutgoingRequest() {
                @Override
                public void secretHeader(String name, String value) {
                    redactor.remember(value);
                    headers.add(new AbstractMap.SimpleImmutableEntry<>(name, value));
                }

                @Override
                public void secretQueryParameter(String name, String value) {
                    redactor.remember(value);
                    query.add(new ApiRequest.Param(name, value, true));
                }
            });
        }
        String target = request.absoluteUrl() != null ? request.absoluteUrl() : base + request.path();
        // declared secrets go as placeholders, their values beside them: SecretQuery need not find them
        Map<String, String> secrets = anySecret(query) ? new java.util.LinkedHashMap<>(2) : Map.of();
        String url = target + queryString(query, secrets);
        Supplier<String> printable = () -> request.method() + " " + redactor.scrub(target + queryString(query, null));
        return new WireRequest(request.method(), url, secrets, headers, body, printable,
                request.maxResponseSize(), request.responseTimeout() != null ? request.responseTimeout() : responseTimeout);
    }

    private static boolean anySecret(List<ApiRequest.Param> query) {
        for (ApiRequest.Param p : query) {
            if (p.secret()) {
                return true;
            }
        }
        return false;
    }

    /**
     * @param secrets where each secret value goes, its placeholder in the query; null: the query
     *                as printed, secrets masked
     */
    private static String queryString(List<ApiRequest.Param> query, Map<String, String> secrets) {
        if (query.isEmpty()) {
            return "";
        }
        StringBuilder sb = new StringBuilder();
        for (ApiRequest.Param p : query) {
            sb.append(sb.length() == 0 ? '?' : '&').append(encode(p.name())).append('=');
            if (!p.secret()) {
                sb.append(encode(p.value()));
            } else if (secrets == null) {
                sb.append(Redactor.MASK);
            } else {
                String placeholder = SecretQuery.placeholder(secrets.size());
                secrets.put(placeholder, encode(p.value()));
                sb.append(placeholder);
            }
        }
        return sb.toString();
    }

    private static String encode(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' || c == '_' || c == '.' || c == '*')) {
                return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
            }
        }
        return s; // only characters URLEncoder keeps as they are
    }

    static String stripTrailingSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
