package dev.volga.testkit.endocs;

import dev.volga.testkit.AdminException;
import dev.volga.testkit.AdminRequest;
import dev.volga.testkit.StubServer;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * The EnDocs stub's routes in the admin API ({@code /__admin}, see {@code docs/testkit-admin.md}):
 * seeding, read-back, the account's switches, the token and a full reset. Each route drives the
 * stub's Java control surface, so the two behave alike.
 */
final class EndocsAdmin {

    private static final Set<String> FILE_KINDS = Set.of("MetaID", "ContractID", "NonFormID");
    private static final Set<String> SETTINGS = Set.of("allAuthFailuresAs401", "errorForm", "blocked",
            "storageQuotaExceeded", "minimumExchangeVersion", "lowercaseKeyValue", "escapePlusInBase64");

    private final EndocsStub stub;
    private final EndocsState state;

    private EndocsAdmin(EndocsStub stub, EndocsState state) {
        this.stub = stub;
        this.state = state;
    }

    /** Registers the routes on the stub's server. */
    static void register(EndocsStub stub, EndocsState state, StubServer server) {
        EndocsAdmin a = new EndocsAdmin(stub, state);
        server.admin("POST", "/users", a::addUser);
        server.admin("POST", "/scans", a::addScan);
        server.admin("POST", "/contracts", r -> Map.of("id", stub.addContract(fields(r, "contract"))));
        server.admin("POST", "/documents", a::addDocument);
        server.admin("POST", "/files", a::addFile);
        server.admin("GET", "/scans/{id}", r -> found(r, "scan", stub::scan));
        server.admin("GET", "/contracts/{id}", r -> found(r, "contract", stub::contract));
        server.admin("GET", "/documents/{id}", r -> found(r, "document", stub::document));
        server.admin("GET", "/settings", r -> a.settings());
        server.admin("PUT", "/settings", a::putSettings);
        server.admin("GET", "/tokens", r -> Map.of("token", stub.token()));
        server.admin("POST", "/tokens/expire", r -> {
            stub.expireToken();
            return null;
        });
        server.admin("POST", "/tokens/rotate", r -> Map.of("token", stub.rotateToken()));
        server.admin("POST", "/reset", r -> {
            stub.reset();
            return null;
        });
    }

    private Object addUser(AdminRequest r) {
        String email = r.text("email");
        String userName = r.text("userName");
        boolean blocked = r.bool("blocked", false);
        stub.addUser(email, userName, blocked);
        return null;
    }

    private Object addScan(AdminRequest r) {
        String fileName = r.text("fileName");
        byte[] content = r.base64("contentBase64");
        String sender = r.text("sender");
        String ocrState = r.optText("ocrState").orElse(null);
        return Map.of("id", stub.addScan(fileName, content, sender, ocrState));
    }

    private Object addDocument(AdminRequest r) {
        Map<String, Object> fields = fields(r, "document");
        if (fields.containsKey("DocTypeId")) {
            r.longValue("DocTypeId"); // the type's name is looked up by number
        }
        return Map.of("id", stub.addDocument(fields));
    }

    private Object addFile(AdminRequest r) {
        String kind = r.text("kind");
        if (!FILE_KINDS.contains(kind)) {
            throw AdminException.badRequest("field kind must be one of MetaID, ContractID, NonFormID: " + kind);
        }
        long id = r.longValue("id");
        String fileName = r.text("fileName");
        byte[] content = r.base64("contentBase64");
        stub.addFile(kind, id, fileName, content);
        return null;
    }

    private static Map<String, Object> fields(AdminRequest r, String what) {
        if (r.body().isEmpty()) {
            throw AdminException.badRequest("the body must give the " + what
                    + "'s fields with the server's PascalCase names, e.g. {\"Name\": \"…\"}");
        }
        return r.body();
    }

    private static Object found(AdminRequest r, String what, Function<Long, Optional<Map<String, Object>>> read) {
        long id = r.pathLong("id");
        return read.apply(id).orElseThrow(() -> AdminException.notFound("no " + what + " " + id));
    }

    private Map<String, Object> settings() {
        synchronized (state) {
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("allAuthFailuresAs401", state.allAuthAs401);
            out.put("errorForm", state.errorForm.name());
            out.put("blocked", state.blocked);
            out.put("storageQuotaExceeded", state.storageFull);
            out.put("minimumExchangeVersion", state.minExchangeVersion);
            out.put("lowercaseKeyValue", state.lowercaseKeyValue);
            out.put("escapePlusInBase64", state.escapePlus);
            return out;
        }
    }

    /** Checks every field given before applying any, so a bad request changes nothing. */
    private Object putSettings(AdminRequest r) {
        for (String name : r.body().keySet()) {
            if (!SETTINGS.contains(name)) {
                throw AdminException.badRequest("unknown field " + name + "; settings are " + String.join(", ",
                        new java.util.TreeSet<>(SETTINGS)));
            }
        }
        Optional<Boolean> as401 = r.optBool("allAuthFailuresAs401");
        Optional<EndocsStub.ErrorForm> form = r.optText("errorForm").map(EndocsAdmin::errorForm);
        Optional<Boolean> blocked = r.optBool("blocked");
        Optional<Boolean> storage = r.optBool("storageQuotaExceeded");
        Optional<Long> version = r.optLong("minimumExchangeVersion");
        if (version.isPresent() && (version.get() < Integer.MIN_VALUE || version.get() > Integer.MAX_VALUE)) {
            throw AdminException.badRequest("field minimumExchangeVersion must fit an int: " + version.get());
        }
        Optional<Boolean> lowercase = r.optBool("lowercaseKeyValue");
        Optional<Boolean> escapePlus = r.optBool("escapePlusInBase64");
        synchronized (state) {
            as401.ifPresent(stub::allAuthFailuresAs401);
            form.ifPresent(stub::errorForm);
            blocked.ifPresent(stub::blocked);
            storage.ifPresent(stub::storageQuotaExceeded);
            version.ifPresent(v -> stub.minimumExchangeVersion(v.intValue()));
            lowercase.ifPresent(stub::lowercaseKeyValue);
            escapePlus.ifPresent(stub::escapePlusInBase64);
            return settings();
        }
    }

    private static EndocsStub.ErrorForm errorForm(String value) {
        String name = value.trim().toUpperCase(Locale.ROOT).replace('-', '_');
        for (EndocsStub.ErrorForm f : EndocsStub.ErrorForm.values()) {
            if (f.name().equals(name)) {
                return f;
            }
        }
        throw AdminException.badRequest("field errorForm must be one of plain-text, json-string, error-object, "
                + "message-object, problem-details: " + value);
    }
}
