package dev.volga.clodo;

import dev.volga.api.RateLimit;
import dev.volga.api.RateLimitSettings;
import dev.volga.clodo.internal.Calls;
import dev.volga.clodo.internal.SwitchableRateLimiter;
import dev.volga.clodo.model.RateLimitInfo;
import dev.volga.transport.spi.ApiRequest;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.time.Duration;
import java.util.Objects;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Rate limits: what {@code GET /limits} reports, and the client-side limits built from it. */
public final class Limits {

    private final Calls calls;
    /** The client's own limiter, or null when it waits on a shared one. */
    private final SwitchableRateLimiter limiter;

    Limits(Calls calls, SwitchableRateLimiter limiter) {
        this.calls = calls;
        this.limiter = limiter;
    }

    private SwitchableRateLimiter own() {
        if (limiter == null) {
            throw new IllegalStateException("this client waits on a shared rate limiter: its limits are "
                    + "those it was created with");
        }
        return limiter;
    }

    /** @return the limits of this user ({@code GET /limits}) */
    public Flux<RateLimitInfo> list() {
        return calls.many(ApiRequest.get("/limits"), "limits.list", "limits", RateLimitInfo.class, false);
    }

    /**
     * @return the client-side limits in force now
     * @throws IllegalStateException when the client was given a shared rate limiter
     */
    public RateLimitSettings current() {
        return own().settings();
    }

    /**
     * Loads the live limits and makes the client wait on them from now on (a server pause carries
     * over; requests already waiting finish on the old limits).
     *
     * @return the limits now in force; an {@link IllegalStateException} when the client was given
     *     a shared rate limiter
     */
    public Mono<RateLimitSettings> load() {
        return Mono.defer(() -> {
            SwitchableRateLimiter target = own();
            return list().collectList().map(Limits::toSettings).doOnNext(target::replace);
        });
    }

    /**
     * Turns reported limits into client-side limits: {@code verb} selects the method; the URI mask
     * selects the path ({@code *} every path, {@code *&#47;servers} exactly {@code /servers}, that is
     * server creation); without a usable mask the regex does ({@code .*} every path, {@code ^/x}
     * every path under {@code /x}, {@code ^/x$} exactly {@code /x}); {@code value} per {@code unit}
     * is the rate.
     *
     * @param limits the reported limits
     * @return the settings
     * @throws IllegalArgumentException for a unit or regex that cannot be expressed
     */
    public static RateLimitSettings toSettings(List<RateLimitInfo> limits) {
        Objects.requireNonNull(limits, "limits");
        List<RateLimit> out = new ArrayList<>();
        for (RateLimitInfo l : limits) {
            Objects.requireNonNull(l, "limits must not contain null");
            if (l.value() == null || l.value() <= 0) {
                continue;
            }
            Duration period = switch (l.unit() == null ? "" : l.unit().trim().toUpperCase(Locale.ROOT)) {
                case "SECOND" -> Duration.ofSeconds(1);
                case "MINUTE" -> Duration.ofMinutes(1);
                case "HOUR" -> Duration.ofHours(1);
                case "DAY" -> Duration.ofDays(1);
                default -> throw new IllegalArgumentException("unknown limit unit: " + l.unit());
            };
            RateLimit limit = RateLimit.of(l.value(), period).named(l.verb() + " " + l.uri());
            if (l.verb() != null && !l.verb().isBlank() && !l.verb().equals("*")) {
                limit = limit.methods(l.verb().trim().toUpperCase(Locale.ROOT));
            }
            String pattern = pattern(l.uri(), l.regex());
            if (pattern != null) {
                limit = limit.path(pattern);
            }
            out.add(limit);
        }
        return RateLimitSettings.of(out.toArray(RateLimit[]::new));
    }

    private static String pattern(String uri, String regex) {
        String u = uri == null ? "" : uri.trim();
        if (u.equals("*")) {
            return null;
        }
        if (u.startsWith("*/") && u.substring(1).matches("(/[A-Za-z0-9_\\-]+)+")) {
            return u.substring(1); // the URI mask: "*" is the management URL, the rest the path
        }
        String r = regex == null ? "" : regex.trim();
        if (r.isEmpty() || r.equals(".*") || r.equals("^.*") || r.equals("^/")) {
            return null;
        }
        if (r.startsWith("^/") && r.substring(1).matches("(/[A-Za-z0-9_\\-]+)+/?\\$?")) {
            String p = r.substring(1).replace("$", "");
            p = p.endsWith("/") ? p.substring(0, p.length() - 1) : p;
            return r.endsWith("$") ? p : p + "/**";
        }
        throw new IllegalArgumentException("cannot express the limit regex '" + regex + "' as a path pattern");
    }
}
