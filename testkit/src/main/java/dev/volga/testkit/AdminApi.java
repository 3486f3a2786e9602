package dev.volga.testkit;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * The admin API of one {@link StubServer}: JSON over HTTP under {@link StubServer#ADMIN_PREFIX}, for
 * tests in any language. Built in: the route list, the journal, faults, quota and reset; a provider
 * stub adds its seeding and switches through {@link StubServer#admin}, and its routes are looked up
 * first. Admin requests are never journaled, faulted, scripted or counted by the quota.
 */
final class AdminApi {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final StubServer server;
    private final List<Entry> providerRoutes = new CopyOnWriteArrayList<>();
    private final List<Entry> builtIns = new ArrayList<>();
    private final Map<Long, Faults.Injection> injections = new ConcurrentHashMap<>();
    private final AtomicLong faultIds = new AtomicLong();

    AdminApi(StubServer server) {
        this.server = server;
        builtIn("GET", "/", r -> Map.of("endpoints", endpoints()));
        builtIn("GET", "/journal", this::journal);
        builtIn("DELETE", "/journal", r -> {
            server.clearJournal();
            return null;
        });
        builtIn("GET", "/faults", r -> injections.entrySet().stream()
                .filter(e -> e.getValue().isActive())
                .map(e -> Map.of("id", e.getKey(), "rule", e.getValue().rule().toString(), "hits", e.getValue().hits()))
                .toList());
        builtIn("POST", "/faults", this::injectFault);
        builtIn("DELETE", "/faults", r -> {
            server.faults().clear();
            injections.clear();
            return null;
        });
        builtIn("DELETE", "/faults/{id}", r -> {
            Faults.Injection injection = injections.remove(r.pathLong("id"));
            if (injection == null) {
                throw AdminException.notFound("no fault " + r.pathParam("id"));
            }
            injection.cancel();
            return null;
        });
        builtIn("GET", "/quota", r -> quotaJson());
        builtIn("PUT", "/quota", this::setQuota);
        builtIn("POST", "/reset", r -> {
            ProviderStub owner = server.owner();
            if (owner != null) {
                owner.reset();
            } else {
                server.reset();
            }
            return null;
        });
    }

    void register(String method, String pattern, AdminHandler handler) {
        providerRoutes.add(new Entry(RequestMatcher.of(method, pattern), handler));
    }

    /** Answers one admin request; {@code path} is below the prefix ({@code /} for the prefix itself). */
    StubResponse answer(String method, String path, Map<String, List<String>> query, byte[] body) {
        try {
            Entry entry = find(method, path);
            if (entry == null) {
                throw AdminException.notFound("no admin route for " + method + " " + StubServer.ADMIN_PREFIX + path
                        + "; GET " + StubServer.ADMIN_PREFIX + " lists them");
            }
            AdminRequest request = new AdminRequest(method, path, params(entry.matcher().pattern(), path), query, parse(body));
            Object result = entry.handler().handle(request);
            return result == null ? StubResponse.status(204) : json(200, result);
        } catch (AdminException e) {
            return json(e.status(), Map.of("error", String.valueOf(e.getMessage())));
        } catch (IllegalArgumentException | IllegalStateException e) {
            return json(400, Map.of("error", String.valueOf(e.getMessage())));
        }
    }

    private Entry find(String method, String path) {
        for (List<Entry> list : List.of(providerRoutes, builtIns)) {
            for (Entry e : list) {
                if (e.matcher().matches(method, path)) {
                    return e;
                }
            }
        }
        return null;
    }

    private void builtIn(String method, String pattern, AdminHandler handler) {
        builtIns.add(new Entry(RequestMatcher.of(method, pattern), handler));
    }

    private List<String> endpoints() {
        List<String> all = new ArrayList<>();
        for (List<Entry> list : List.of(providerRoutes, builtIns)) {
            for (Entry e : list) {
                String line = e.matcher().method() + " " + StubServer.ADMIN_PREFIX
                        + (e.matcher().pattern().equals("/") ? "" : e.matcher().pattern());
                if (!all.contains(line)) {
                    all.add(line);
                }
            }
        }
        return all;
    }

    private Object journal(AdminRequest r) {
        String method = r.query("method").orElse("*");
        String pattern = r.query("path").orElse("/**");
        long since = number(r, "since", 0);
        long limit = number(r, "limit", Long.MAX_VALUE);
        return server.requests(method, pattern).stream()
                .filter(e -> e.sequence() > since)
                .limit(limit)
                .map(AdminApi::entry)
                .toList();
    }

    private static long number(AdminRequest r, String name, long otherwise) {
        Optional<String> text = r.query(name);
        if (text.isEmpty()) {
            return otherwise;
        }
        try {
            long value = Long.parseLong(text.get());
            if (value < 0) {
                throw new NumberFormatException();
            }
            return value;
        } catch (NumberFormatException e) {
            throw AdminException.badRequest("query parameter " + name + " must be a whole number >= 0: " + text.get());
        }
    }

    private static Map<String, Object> entry(RecordedRequest r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("sequence", r.sequence());
        m.put("method", r.method());
        m.put("path", r.path());
        m.put("query", maskQuery(r.rawQuery()));
        Map<String, List<String>> headers = new LinkedHashMap<>();
        r.headers().forEach((name, values) -> headers.put(name,
                StubServer.CREDENTIAL_HEADERS.stream().anyMatch(name::equalsIgnoreCase) ? values.stream().map(AdminApi::mask).toList() : values));
        m.put("headers", headers);
        m.put("body", r.bodyText());
        m.put("receivedAt", r.receivedAt().toString());
        return m;
    }

    /** Credentials are shown as {@code ***}, keeping an {@code Authorization} scheme. */
    private static String mask(String value) {
        int space = value.indexOf(' ');
        return space > 0 ? value.substring(0, space) + " ***" : "***";
    }

    private static String maskQuery(String raw) {
        if (raw.isEmpty()) {
            return raw;
        }
        List<String> parts = new ArrayList<>();
        for (String pair : raw.split("&", -1)) {
            int eq = pair.indexOf('=');
            String name = eq < 0 ? pair : pair.substring(0, eq);
            parts.add(eq >= 0 && StubServer.CREDENTIAL_PARAMS.contains(name) ? name + "=***" : pair);
        }
        return String.join("&", parts);
    }

    private Object injectFault(AdminRequest r) {
        String kindText = r.text("kind");
        FaultRule.Kind kind;
        try {
            kind = FaultRule.Kind.valueOf(kindText.trim().toUpperCase(Locale.ROOT).replace('-', '_'));
        } catch (IllegalArgumentException e) {
            throw AdminException.badRequest("field kind must be one of " + kinds() + ", not " + kindText);
        }
        FaultRule rule = switch (kind) {
            case LATENCY -> r.optLong("latencyMs").isPresent()
                    ? FaultRule.latency(millis(r, "latencyMs"))
                    : FaultRule.latency(millis(r, "minLatencyMs"), millis(r, "maxLatencyMs"));
            case STATUS -> FaultRule.status((int) r.longValue("status"));
            case TOO_MANY_REQUESTS -> r.optLong("retryAfterSeconds").isPresent()
                    ? FaultRule.tooManyRequests(Duration.ofSeconds(r.longValue("retryAfterSeconds")))
                    : FaultRule.tooManyRequests();
            case UNAUTHORIZED -> FaultRule.unauthorized();
            case MALFORMED_BODY -> FaultRule.malformedBody();
            case TRUNCATED_BODY -> FaultRule.truncatedBody();
            case DROP_BEFORE_READ -> FaultRule.dropBeforeRead();
            case DROP_AFTER_READ -> FaultRule.dropAfterRead();
            case SLOW_BODY -> FaultRule.slowBody((int) r.longValue("chunkBytes"), millis(r, "pauseMs"));
            case OVERSIZED_HEADER -> FaultRule.oversizedHeader((int) r.longValue("bytes"));
        };
        rule = rule.on(r.optText("method").orElse("*"), r.optText("path").orElse("/**"));
        if (r.optLong("times").isPresent()) {
            rule = rule.times((int) r.longValue("times"));
        }
        if (r.optDouble("probability").isPresent()) {
            rule = rule.withProbability(r.optDouble("probability").get());
        }
        if (r.optLong("windowMs").isPresent()) {
            rule = rule.during(millis(r, "windowMs"));
        }
        long id = faultIds.incrementAndGet();
        injections.put(id, server.faults().inject(rule));
        return Map.of("id", id, "rule", rule.toString());
    }

    private static String kinds() {
        List<String> names = new ArrayList<>();
        for (FaultRule.Kind k : FaultRule.Kind.values()) {
            names.add(k.name().toLowerCase(Locale.ROOT).replace('_', '-'));
        }
        return String.join(", ", names);
    }

    private static Duration millis(AdminRequest r, String name) {
        long ms = r.longValue(name);
        if (ms < 0) {
            throw AdminException.badRequest("field " + name + " must be >= 0: " + ms);
        }
        return Duration.ofMillis(ms);
    }

    private Object setQuota(AdminRequest r) {
        String model = r.text("model").trim().toLowerCase(Locale.ROOT).replace('_', '-');
        ProviderStub owner = server.owner();
        if (model.equals("none")) {
            if (owner != null) {
                owner.noQuota();
            } else {
                server.noQuota();
            }
            return quotaJson();
        }
        int permits = (int) r.longValue("permits");
        Duration period = millis(r, "periodMs");
        Quota quota = switch (model) {
            case "gcra", "token-bucket" -> Quota.of(permits, period, (int) (long) r.optLong("burst").orElse((long) permits));
            case "sliding-window" -> Quota.slidingWindow(permits, period);
            case "fixed-window" -> Quota.fixedWindow(permits, period);
            default -> throw AdminException.badRequest(
                    "field model must be one of gcra, sliding-window, fixed-window, none, not " + model);
        };
        if (owner != null) {
            owner.quota(quota); // keyed as the provider keys it
        } else {
            Optional<Quota> previous = server.quota();
            server.quota(previous.isPresent() ? quota.keyedLike(previous.get()) : quota);
        }
        return quotaJson();
    }

    private Map<String, Object> quotaJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        Optional<Quota> q = server.quota();
        if (q.isEmpty()) {
            m.put("model", "none");
        } else {
            Quota quota = q.get();
            m.put("model", switch (quota.mode()) {
                case TOKEN_BUCKET -> "gcra";
                case SLIDING_WINDOW -> "sliding-window";
                case FIXED_WINDOW -> "fixed-window";
            });
            m.put("permits", quota.permits());
            m.put("periodMs", quota.period().toMillis());
            m.put("burst", quota.burst());
        }
        m.put("refusals", server.quotaRefusals());
        return m;
    }

    private static Map<String, Object> parse(byte[] body) {
        if (body.length == 0 || new String(body, java.nio.charset.StandardCharsets.UTF_8).isBlank()) {
            return Map.of();
        }
        Object value;
        try {
            value = JSON.readValue(body, Object.class);
        } catch (JacksonException e) {
            throw AdminException.badRequest("the body is not JSON: " + e.getOriginalMessage());
        }
        if (!(value instanceof Map<?, ?> map)) {
            throw AdminException.badRequest("the body must be a JSON object");
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> fields = java.util.Collections.unmodifiableMap((Map<String, Object>) map);
        return fields;
    }

    private static Map<String, String> params(String pattern, String path) {
        String[] p = pattern.substring(1).split("/", -1);
        String[] a = path.substring(1).split("/", -1);
        Map<String, String> values = new LinkedHashMap<>();
        for (int i = 0; i < p.length && i < a.length; i++) {
            if (p[i].length() > 2 && p[i].startsWith("{") && p[i].endsWith("}")) {
                values.put(p[i].substring(1, p[i].length() - 1), a[i]);
            }
        }
        return values;
    }

    private static StubResponse json(int status, Object value) {
        byte[] bytes;
        try {
            bytes = JSON.writeValueAsBytes(value);
        } catch (JacksonException e) {
            return StubResponse.status(500).header("Content-Type", "application/json")
                    .body("{\"error\":\"admin answer not writable as JSON\"}");
        }
        return StubResponse.status(status).header("Content-Type", "application/json").body(bytes);
    }

    private record Entry(RequestMatcher matcher, AdminHandler handler) {
    }
}
