package dev.volga.testkit.clodo;

import dev.volga.testkit.AdminException;
import dev.volga.testkit.AdminRequest;
import dev.volga.testkit.StubServer;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Clodo's routes of the admin API ({@code docs/testkit-admin.md}): each drives a public method
 * of {@link ClodoStub}, so the admin API and the Java control surface cannot drift apart.
 */
final class ClodoAdmin {

    private static final Set<String> SERVER_TYPES = Set.of("VirtualServer", "ScaleServer");
    private static final Set<String> ZONE_TYPES = Set.of("MASTER", "SLAVE");

    private final ClodoStub stub;

    private ClodoAdmin(ClodoStub stub) {
        this.stub = stub;
    }

    static void install(StubServer http, ClodoStub stub) {
        ClodoAdmin a = new ClodoAdmin(stub);
        http.admin("POST", "/servers", a::addServer);
        http.admin("GET", "/servers", r -> a.servers());
        http.admin("POST", "/servers/{id}/backups", a::addBackup);
        http.admin("POST", "/dns/zones", a::addZone);
        http.admin("POST", "/dns/zones/{id}/records", a::addRecord);
        http.admin("POST", "/tickets", r -> id(stub.addTicket(nonBlank(r, "subject"), r.text("text"))));
        http.admin("POST", "/storages", r -> id(stub.addStorage(nonBlank(r, "title"))));
        http.admin("PUT", "/balance", a::balance);
        http.admin("PUT", "/error-style", a::errorStyle);
        http.admin("PUT", "/tokens/lifetime", r -> {
            stub.tokenLifetime(Duration.ofSeconds(positive(r, "seconds")));
            return null;
        });
        http.admin("POST", "/tokens/expire", r -> {
            stub.expireAllTokens();
            return null;
        });
        http.admin("POST", "/clock/advance", r -> {
            stub.advanceClock(Duration.ofSeconds(positive(r, "seconds")));
            return null;
        });
        http.admin("POST", "/reset", r -> {
            stub.reset();
            return null;
        });
    }

    private Object addServer(AdminRequest r) {
        String name = nonBlank(r, "name");
        String type = r.text("type");
        if (!SERVER_TYPES.contains(type)) {
            throw AdminException.badRequest("field type must be VirtualServer or ScaleServer, not " + type);
        }
        String status = r.optText("status").orElse("is_running");
        if (status.isBlank()) {
            throw AdminException.badRequest("field status must not be blank");
        }
        long image = r.optLong("image").orElse(ClodoState.DEFAULT_IMAGE);
        return id(stub.addServer(name, type, status, image));
    }

    private Object servers() {
        List<Map<String, Object>> list = new ArrayList<>();
        for (long id : stub.serverIds().stream().sorted().toList()) {
            try {
                Map<String, Object> s = new LinkedHashMap<>();
                s.put("id", id);
                s.put("status", stub.serverStatus(id));
                list.add(s);
            } catch (IllegalArgumentException deletedMeanwhile) {
                // a client deleted it between the two reads
            }
        }
        return list;
    }

    private Object addBackup(AdminRequest r) {
        long server = r.pathLong("id");
        String file = nonBlank(r, "file");
        String description = r.optText("description").orElse("");
        if (!stub.serverIds().contains(server)) {
            throw AdminException.notFound("no server " + server);
        }
        stub.addBackup(server, file, description);
        return null;
    }

    private Object addZone(AdminRequest r) {
        String domain = nonBlank(r, "domain");
        String type = r.optText("type").orElse("MASTER").toUpperCase(Locale.ROOT);
        if (!ZONE_TYPES.contains(type)) {
            throw AdminException.badRequest("field type must be MASTER or SLAVE, not " + type);
        }
        return id(stub.addZone(domain, type));
    }

    private Object addRecord(AdminRequest r) {
        long zone = r.pathLong("id");
        String name = r.text("name");
        String type = nonBlank(r, "type");
        String content = nonBlank(r, "content");
        long ttl = r.optLong("ttl").orElse(3600L);
        if (ttl < 0 || ttl > Integer.MAX_VALUE) {
            throw AdminException.badRequest("field ttl must be 0 to " + Integer.MAX_VALUE + " seconds, not " + ttl);
        }
        try {
            return id(stub.addRecord(zone, name, type, content, (int) ttl));
        } catch (IllegalArgumentException e) {
            throw AdminException.notFound("no zone " + zone);
        }
    }

    private Object balance(AdminRequest r) {
        Object v = r.body().get("value");
        if (v == null) {
            throw AdminException.badRequest("field value is required: a number");
        }
        BigDecimal value;
        try {
            value = new BigDecimal(String.valueOf(v).trim());
        } catch (NumberFormatException e) {
            throw AdminException.badRequest("field value must be a number, not " + v);
        }
        stub.balance(value);
        return Map.of("value", value);
    }

    private Object errorStyle(AdminRequest r) {
        String style = r.text("style");
        for (ClodoStub.ErrorStyle s : ClodoStub.ErrorStyle.values()) {
            if (s.name().equalsIgnoreCase(style.trim())) {
                stub.errorStyle(s);
                return Map.of("style", s.name());
            }
        }
        throw AdminException.badRequest("field style must be one of wrapped, flat, not " + style);
    }

    private static Map<String, Object> id(long id) {
        return Map.of("id", id);
    }

    private static String nonBlank(AdminRequest r, String field) {
        String v = r.text(field);
        if (v.isBlank()) {
            throw AdminException.badRequest("field " + field + " must not be blank");
        }
        return v;
    }

    private static long positive(AdminRequest r, String field) {
        long v = r.longValue(field);
        if (v <= 0) {
            throw AdminException.badRequest("field " + field + " must be a positive whole number, not " + v);
        }
        return v;
    }
}
