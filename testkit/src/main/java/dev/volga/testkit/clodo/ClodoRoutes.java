package dev.volga.testkit.clodo;

import dev.volga.testkit.FaultDialect;
import dev.volga.testkit.RecordedRequest;
import dev.volga.testkit.SecretScan;
import dev.volga.testkit.StubResponse;
import dev.volga.testkit.StubServer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.dataformat.xml.XmlMapper;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * The Clodo stub's dispatch: the login on the auth URL's root, the management routes under the
 * management path (token check, pending failures, request-body parsing), Clodo's 404 for any other
 * path, and Clodo's forms of injected faults.
 */
final class ClodoRoutes {

    /** A management route: answers an element (200), null (204) or throws {@link ClodoFail}. */
    interface Api {
        Elem answer(RecordedRequest r, ObjectNode body);
    }

    private final ClodoState st;
    private final String managementUrl;
    private final JsonMapper json = JsonMapper.builder().build();
    /** Built on the first XML request body: a stub serving only JSON clients never builds it. */
    private volatile XmlMapper xml;

    private ClodoRoutes(ClodoState st, String managementUrl) {
        this.st = st;
        this.managementUrl = managementUrl;
    }

    /** Registers the login, the management routes, the fallback and the fault dialect on a server. */
    static void install(StubServer http, ClodoState st) {
        ClodoRoutes routes = new ClodoRoutes(st, http.baseUrl() + st.managementPath);
        routes.register(http);
        http.fallback(routes::unknown);
        http.faultDialect(routes.new Dialect());
        http.faults().clock(st.clock);
    }

    private void register(StubServer http) {
        ClodoServers s = new ClodoServers(st);
        ClodoServices v = new ClodoServices(st);
        http.route("GET", "/", this::login);
        http.route("HEAD", "/", this::login);
        on(http, "GET", "/limits", (r, b) -> ClodoWire.limits(st.now()));
        on(http, "GET", "/servers/detail", (r, b) -> s.list(true));
        on(http, "GET", "/servers", (r, b) -> s.list(false));
        on(http, "POST", "/servers", (r, b) -> s.create(b));
        on(http, "GET", "/servers/{id}/change_type", s::changeType);
        on(http, "POST", "/servers/{id}/change_type", s::changeType);
        on(http, "POST", "/servers/{id}/action", s::action);
        on(http, "GET", "/servers/{id}/log", (r, b) -> s.log(r));
        on(http, "GET", "/servers/{id}/backup/getlist", (r, b) -> s.backups(r));
        on(http, "GET", "/servers/{id}/backup/create", (r, b) -> s.backupReq(r, b, "backup_create"));
        on(http, "POST", "/servers/{id}/backup/create", (r, b) -> s.backupReq(r, b, "backup_create"));
        on(http, "POST", "/servers/{id}/backup/delete", (r, b) -> s.backupReq(r, b, "backup_delete"));
        on(http, "POST", "/servers/{id}/backup/restore", (r, b) -> s.backupReq(r, b, "backup_restore"));
        on(http, "GET", "/servers/{id}/backup/getstate", (r, b) -> s.restoreState(b));
        on(http, "POST", "/servers/{id}/backup/setcal", (r, b) -> s.backupSet(r, b, "backups_days"));
        on(http, "POST", "/servers/{id}/backup/setdesc", (r, b) -> s.backupSet(r, b, "desc"));
        on(http, "GET", "/servers/{id}/ips/moveip", s::moveIp);
        on(http, "GET", "/servers/{id}/ips/getsubnets", (r, b) -> ClodoWire.subnets());
        on(http, "GET", "/servers/{id}/ips", (r, b) -> ClodoWire.addresses(s.of(r), "is_primary"));
        on(http, "PUT", "/servers/{id}/ips", s::addIp);
        on(http, "DELETE", "/servers/{id}/ips", s::deleteIp);
        on(http, "GET", "/servers/{id}", (r, b) -> s.detail(r));
        on(http, "PUT", "/servers/{id}", s::modify);
        on(http, "DELETE", "/servers/{id}", (r, b) -> s.delete(r));
        on(http, "POST", "/stats/{id}", s::stats);
        on(http, "GET", "/dns", (r, b) -> v.dnsOverview());
        on(http, "PUT", "/dns", (r, b) -> v.createZone(b));
        on(http, "GET", "/dns/{id}", (r, b) -> v.zone(r));
        on(http, "POST", "/dns/{id}", v::updateZone);
        on(http, "DELETE", "/dns/{id}", v::deleteZoneOrRecord);
        on(http, "GET", "/helpdesk", (r, b) -> v.tickets());
        on(http, "POST", "/helpdesk", (r, b) -> v.openTicket(b));
        on(http, "GET", "/helpdesk/{id}", (r, b) -> v.ticket(r));
        on(http, "POST", "/helpdesk/{id}", v::replyTicket);
        on(http, "GET", "/user", (r, b) -> v.user());
        on(http, "POST", "/user/update", (r, b) -> v.updateUser(b));
        on(http, "GET", "/storage", (r, b) -> v.storageList());
        on(http, "PUT", "/storage", (r, b) -> v.createStorage(b));
        on(http, "GET", "/storage/{id}/detail", (r, b) -> v.storageDetail(r));
        on(http, "POST", "/storage/{id}", v::updateStorage);
        on(http, "DELETE", "/storage/{id}", (r, b) -> v.deleteStorage(r));
        on(http, "GET", "/requests/{id}", (r, b) -> v.requestStatus(r));
        on(http, "GET", "/billing/balance", (r, b) -> Elem.leaf("balance", st.balance));
        on(http, "GET", "/billing", (r, b) -> v.billing(b));
        on(http, "POST", "/billing", (r, b) -> v.billing(b));
        on(http, "GET", "/billing/{id}", (r, b) -> v.billing(b));
        on(http, "POST", "/billing/{id}", (r, b) -> v.billing(b));
        on(http, "GET", "/images/detail", (r, b) -> ClodoWire.images(true));
        on(http, "GET", "/images/presets", (r, b) -> ClodoWire.presets());
        on(http, "GET", "/images", (r, b) -> ClodoWire.images(false));
    }

    private void on(StubServer http, String method, String path, Api api) {
        http.route(method, st.managementPath + path, r -> serve(r, api));
        http.route(method, st.managementPath + path + "/", r -> serve(r, api));
    }

    /** The token check (a 401 and a stale-token mark when it fails), or null when the token is valid. */
    private StubResponse refusal(RecordedRequest r, boolean asXml) {
        if (!st.valid(r.header("X-Auth-Token").orElse(""))) {
            st.staleTokenRequests.add(r.sequence());
            return ClodoWire.error(asXml, 401, ClodoWire.UNAUTHORIZED, ClodoStub.ErrorStyle.FLAT);
        }
        return null;
    }

    private StubResponse serve(RecordedRequest r, Api api) {
        boolean asXml = ClodoWire.acceptsXml(r);
        StubResponse refused = refusal(r, asXml);
        if (refused != null) {
            return refused;
        }
        if (st.failNext.getAndUpdate(n -> n > 0 ? n - 1 : 0) > 0) {
            return ClodoWire.error(asXml, st.failStatus, ClodoWire.INJECTED, st.errorStyle);
        }
        try {
            Elem answer = api.answer(r, body(r));
            return answer == null ? StubResponse.status(204) : ClodoWire.ok(asXml, answer);
        } catch (ClodoFail f) {
            return ClodoWire.error(asXml, f.status, f.getMessage(), st.errorStyle);
        }
    }

    /**
     * A path no route serves: under the management path the token is checked first (as for any
     * management call), then Clodo's 404 {@code Модуль не найден} in the current error style.
     */
    private StubResponse unknown(RecordedRequest r) {
        boolean asXml = ClodoWire.acceptsXml(r);
        String path = r.path();
        if (path.equals(st.managementPath) || path.startsWith(st.managementPath + "/")) {
            StubResponse refused = refusal(r, asXml);
            if (refused != null) {
                return refused;
            }
        }
        return ClodoWire.error(asXml, 404, ClodoWire.NO_MODULE, st.errorStyle);
    }

    private StubResponse login(RecordedRequest r) {
        boolean asXml = ClodoWire.acceptsXml(r);
        String user = r.header("X-Auth-User").orElse("");
        String key = r.header("X-Auth-Key").orElse("");
        if (!key.equals(st.users.get(user))) {
            return ClodoWire.error(asXml, 401, ClodoWire.UNAUTHORIZED, ClodoStub.ErrorStyle.FLAT);
        }
        String token = UUID.randomUUID().toString();
        SecretScan.register(token);
        Instant issued = st.now();
        Instant expires = issued.plus(st.lifetime);
        st.tokens.put(token, expires);
        st.tokenUsers.put(token, user);
        st.logins.incrementAndGet();
        return StubResponse.status(204)
                .header("X-Server-Management-Url", managementUrl)
                .header("X-Auth-Token", token)
                .header("X-Auth-Token-Issued", ClodoWire.tokenTime(issued))
                .header("X-Auth-Token-Expired", ClodoWire.tokenTime(expires))
                .header("Content-Type", "text/plain; charset=UTF-8");
    }

    /** Clodo's forms of injected faults and quota refusals. */
    private final class Dialect implements FaultDialect {
        @Override
        public StubResponse status(RecordedRequest request, int status) {
            return ClodoWire.error(ClodoWire.acceptsXml(request), status, ClodoWire.INJECTED, st.errorStyle);
        }

        @Override
        public StubResponse unauthorized(RecordedRequest request) {
            request.header("X-Auth-Token").ifPresent(st::forget);
            return ClodoWire.error(ClodoWire.acceptsXml(request), 401, ClodoWire.UNAUTHORIZED, ClodoStub.ErrorStyle.FLAT);
        }

        @Override
        public StubResponse malformed(RecordedRequest request) {
            return ClodoWire.malformed(ClodoWire.acceptsXml(request));
        }
    }

    // ------------------------------------------------------------------ request bodies

    /** The request body as a tree: XML with its root element, JSON as sent; {@code {"":x}} becomes x. */
    private ObjectNode body(RecordedRequest r) {
        String text = new String(r.body(), StandardCharsets.UTF_8).trim();
        if (text.isEmpty()) {
            return JsonNodeFactory.instance.objectNode();
        }
        try {
            JsonNode tree = text.startsWith("<") ? xmlTree(text) : json.readTree(text);
            JsonNode n = flatten(tree);
            if (!n.isObject()) {
                throw new ClodoFail(400, "ожидался объект");
            }
            return (ObjectNode) n;
        } catch (tools.jackson.core.JacksonException e) {
            throw new ClodoFail(400, "некорректный запрос");
        }
    }

    /**
     * XML under its root element's name, {@code {root: content}}: Jackson XML's tree drops the name
     * (only 3.2 can keep it), so it is read here, and the stub runs on Jackson 3.1 as on 3.2.
     */
    private JsonNode xmlTree(String text) {
        XmlMapper mapper = xml;
        if (mapper == null) {
            xml = mapper = XmlMapper.builder().build();
        }
        JsonNode content = mapper.readTree(text); // well-formed, or the caller answers 400
        String root = rootName(text);
        if (root == null) {
            return content;
        }
        ObjectNode tree = JsonNodeFactory.instance.objectNode();
        tree.set(root, content == null || content.isMissingNode() ? JsonNodeFactory.instance.objectNode() : content);
        return tree;
    }

    /** The local name of the first element of a well-formed document (after its prolog), or null. */
    private static String rootName(String text) {
        int i = 0;
        while ((i = text.indexOf('<', i)) >= 0 && i + 1 < text.length()) {
            char next = text.charAt(i + 1);
            if (next == '?' || next == '!') {
                i = text.indexOf('>', i); // a declaration or comment (the clients send none with a '>' inside)
                if (i < 0) {
                    return null;
                }
                continue;
            }
            int end = i + 1;
            while (end < text.length() && !Character.isWhitespace(text.charAt(end)) && text.charAt(end) != '>'
                    && text.charAt(end) != '/') {
                end++;
            }
            String name = text.substring(i + 1, end);
            return name.substring(name.indexOf(':') + 1);
        }
        return null;
    }

    private static JsonNode flatten(JsonNode n) {
        if (n.isObject()) {
            if (n.size() == 1 && n.has("")) {
                return flatten(n.get(""));
            }
            ObjectNode o = JsonNodeFactory.instance.objectNode();
            for (Map.Entry<String, JsonNode> e : n.properties()) {
                if (!e.getKey().isEmpty()) {
                    o.set(e.getKey(), flatten(e.getValue()));
                }
            }
            return o;
        }
        return n;
    }

    /** The fields under a root element, or the body itself when it is not wrapped. */
    static ObjectNode in(ObjectNode body, String root) {
        JsonNode inner = body.get(root);
        if (body.size() == 1 && inner != null && inner.isObject()) {
            return (ObjectNode) inner;
        }
        return body;
    }

    static String field(ObjectNode o, String name) {
        JsonNode n = o.get(name);
        return n == null || n.isNull() || n.isContainer() ? null : n.asString();
    }

    static String required(ObjectNode o, String name) {
        String v = field(o, name);
        if (v == null || v.isBlank()) {
            throw new ClodoFail(400, "не указан параметр " + name);
        }
        return v.trim();
    }

    /** The id in a management path {@code <management path>/<resource>/<id>/…}. */
    static long pathId(ClodoState st, RecordedRequest r) {
        String[] parts = r.path().substring(st.managementPath.length()).split("/");
        try {
            return Long.parseLong(parts[2]);
        } catch (RuntimeException e) {
            throw new ClodoFail(400, "некорректный номер");
        }
    }
}
