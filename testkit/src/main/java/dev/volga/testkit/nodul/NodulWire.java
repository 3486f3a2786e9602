package dev.volga.testkit.nodul;

import dev.volga.testkit.FaultDialect;
import dev.volga.testkit.RecordedRequest;
import dev.volga.testkit.StubResponse;
import dev.volga.testkit.nodul.NodulState.FeatureValue;
import dev.volga.testkit.nodul.NodulState.Plan;
import dev.volga.testkit.nodul.NodulState.Sub;
import dev.volga.testkit.nodul.NodulState.Window;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.concurrent.atomic.AtomicLong;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Nodul's wire format out: the {@code {"success", "request_id", "data", "errors"}} envelope, error
 * envelopes, plans, features, subscriptions and consumption totals (64-bit numbers as JSON
 * strings), and Nodul's forms of injected faults and quota refusals ({@link #dialect()}).
 */
final class NodulWire {

    private static final char[] ID_CHARS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789".toCharArray();

    private final JsonMapper json = JsonMapper.builder().build();
    private final SecureRandom random = new SecureRandom();
    private final NodulState state;

    NodulWire(NodulState state) {
        this.state = state;
    }

    /** A fresh empty object node. */
    ObjectNode object() {
        return json.createObjectNode();
    }

    /** A fresh {@code request_id}: 20 random letters and digits. */
    String requestId() {
        char[] id = new char[20];
        for (int i = 0; i < id.length; i++) {
            id[i] = ID_CHARS[random.nextInt(ID_CHARS.length)];
        }
        return new String(id);
    }

    StubResponse envelope(String requestId, ObjectNode data) {
        ObjectNode root = json.createObjectNode();
        root.put("success", true).put("request_id", requestId);
        root.set("data", data);
        root.putArray("errors");
        return StubResponse.json(200, root.toString());
    }

    StubResponse error(int status, String requestId, String code, String message) {
        ObjectNode root = json.createObjectNode();
        root.put("success", false).putNull("data");
        root.putArray("errors").addObject().put("message", message).put("code", code);
        root.put("request_id", requestId);
        return StubResponse.json(status, root.toString());
    }

    ObjectNode plan(Plan p) {
        ObjectNode n = json.createObjectNode();
        n.put("id", p.id()).put("name", p.name()).put("status", p.status());
        ArrayNode fs = n.putArray("features");
        p.features().forEach((alias, value) -> fs.add(feature(alias, value)));
        n.put("created_at", p.createdAt().toString()).put("updated_at", p.updatedAt().toString());
        return n;
    }

    ObjectNode feature(String alias, FeatureValue value) {
        ObjectNode f = json.createObjectNode();
        f.put("alias", alias);
        f.putObject("value").put("int64", Long.toString(value.int64())).put("bool", value.bool());
        return f;
    }

    /** A subscription; with its user's consumption in the window, or {@code null} consumption. */
    ObjectNode subscription(Sub s, Window consumption) {
        ObjectNode n = json.createObjectNode();
        n.put("id", s.id()).put("plan_id", s.planId()).put("user_id", s.userId()).put("status", s.status());
        if (consumption == null) {
            n.putNull("consumption");
        } else {
            n.set("consumption", consumption(s.userId(), consumption));
        }
        n.put("created_at", s.createdAt().toString());
        if (s.cancelledAt() == null) {
            n.putNull("cancelled_at");
        } else {
            n.put("cancelled_at", s.cancelledAt().toString());
        }
        return n;
    }

    /** Sums usage of one user (null: everyone) in the window; filtered-out resources are null. */
    ObjectNode consumption(String userId, Window window) {
        ObjectNode n = json.createObjectNode();
        putTotal(n, "execution_credits", NodulStub.EXECUTION_CREDITS, userId, window);
        putTotal(n, "plug_and_play_credits", NodulStub.PLUG_AND_PLAY_CREDITS, userId, window);
        return n;
    }

    private void putTotal(ObjectNode n, String field, String resource, String userId, Window window) {
        if (!window.resources().isEmpty() && !window.resources().contains(resource)) {
            n.putNull(field);
            return;
        }
        n.putObject(field).put("total", Long.toString(state.usageTotal(resource, userId, window)));
    }

    /** Nodul's forms of injected faults and quota refusals. */
    FaultDialect dialect() {
        return new FaultDialect() {
            @Override
            public StubResponse status(RecordedRequest request, int status) {
                String code = switch (status) {
                    case 400 -> "request.BadRequest";
                    case 401 -> "auth.Unauthorized";
                    case 403 -> "auth.Forbidden";
                    case 404 -> "route.NotFound";
                    case 429 -> "rate_limit.TooManyRequests";
                    case 502 -> "gateway.BadGateway";
                    case 503 -> "service.Unavailable";
                    case 504 -> "gateway.Timeout";
                    default -> status >= 500 ? "internal.Error" : "request.Failed";
                };
                String message = switch (status) {
                    case 401 -> "Unauthorized";
                    case 429 -> "too many requests";
                    case 503 -> "service unavailable";
                    default -> "HTTP " + status;
                };
                return error(status, requestId(), code, message);
            }

            @Override
            public StubResponse malformed(RecordedRequest request) {
                return StubResponse.json(200, "{\"success\":true,\"request_id\":\"" + requestId() + "\",\"data\":{\"pla");
            }
        };
    }

    /** See {@link NodulStub#planListing(long, AtomicLong)}. */
    static StubResponse planListing(long count, AtomicLong produced) {
        if (count < 0) {
            throw new IllegalArgumentException("count must not be negative: " + count);
        }
        return StubResponse.status(200).header("Content-Type", "application/json").streamedBody(() -> new Iterator<byte[]>() {
            private long next = -1; // -1: the envelope's head; count: its tail; past it: done

            @Override
            public boolean hasNext() {
                return next <= count;
            }

            @Override
            public byte[] next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                StringBuilder sb = new StringBuilder(16 * 1024);
                if (next == -1) {
                    sb.append("{\"success\":true,\"request_id\":\"generated\",\"data\":{\"plans\":[");
                    next = 0;
                } else if (next == count) {
                    sb.append("]},\"errors\":[]}");
                    next++;
                } else {
                    for (long end = Math.min(count, next + 64); next < end; next++) {
                        sb.append(next == 0 ? "" : ",").append("{\"id\":\"g").append(next).append("\",\"name\":\"Plan ")
                                .append(next).append("\",\"status\":\"plan_status_active\",\"features\":[{\"alias\":")
                                .append("\"regular_microcredits\",\"value\":{\"int64\":\"10000000000\",\"bool\":false}}],")
                                .append("\"created_at\":\"2025-04-29T13:00:15Z\",\"updated_at\":\"2025-04-29T13:00:15Z\"}");
                    }
                }
                byte[] piece = sb.toString().getBytes(StandardCharsets.UTF_8);
                if (produced != null) {
                    produced.addAndGet(piece.length);
                }
                return piece;
            }
        });
    }
}
