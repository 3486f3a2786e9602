package dev.volga.testkit.clodo;

import dev.volga.testkit.RecordedRequest;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static dev.volga.testkit.clodo.ClodoRoutes.field;
import static dev.volga.testkit.clodo.ClodoRoutes.in;
import static dev.volga.testkit.clodo.ClodoRoutes.required;

/** The account routes around the servers: DNS, helpdesk, user profile, Cloud Storage, requests and billing. */
final class ClodoServices {

    private final ClodoState st;

    ClodoServices(ClodoState st) {
        this.st = st;
    }

    // ------------------------------------------------------------------ DNS

    Elem dnsOverview() {
        Elem domains = Elem.list("domains");
        st.zones.values().forEach(z -> domains.add(Elem.of("domain").leafs("id", Long.toString(z.id), "name", z.name, "type", z.type,
                "records_count", Integer.toString(z.records.size()), "unchecked", "0", "unchecked_expire", "30.11.-0001 00:00")));
        Elem reverse = Elem.list("reverse");
        st.servers.values().forEach(s -> reverse.add(Elem.of("record").leafs("id", Long.toString(s.id + 5000),
                "ip_value", s.ips.isEmpty() ? "" : s.ips.get(0)[0],
                "virtual_mashines_title", "VPS " + s.name, "resellers_id", "0", "reverse_value", s.id + ".in-addr.arpa",
                "domain_value", s.name + ".vm.clodoserver.ru.")));
        return Elem.of("dns").add(domains).add(reverse);
    }

    Elem createZone(ObjectNode body) {
        ObjectNode p = in(body, "dns");
        String name = required(p, "newdomain");
        String type = required(p, "newdomain_type");
        if (!type.equals("MASTER") && !type.equals("SLAVE")) {
            throw new ClodoFail(400, "неверный тип зоны");
        }
        if (type.equals("SLAVE")) {
            required(p, "slave_addr");
        }
        return Elem.of("dns").leafs("id", Long.toString(st.addZone(name, type)));
    }

    private ClodoState.Zone zoneOf(RecordedRequest r) {
        ClodoState.Zone z = st.zones.get(ClodoRoutes.pathId(st, r));
        if (z == null) {
            throw new ClodoFail(404, "зона не найдена");
        }
        return z;
    }

    Elem zone(RecordedRequest r) {
        ClodoState.Zone z = zoneOf(r);
        Elem records = Elem.list("records");
        synchronized (z.records) {
            z.records.forEach((id, rec) -> records.add(Elem.of("record").leafs("id", Long.toString(id), "domain_id", Long.toString(z.id),
                    "name", rec.get("name"), "type", rec.get("type"), "content", rec.get("content"), "ttl", rec.get("ttl"),
                    "prio", rec.getOrDefault("prio", ""))));
        }
        return Elem.of("dns").add(ClodoWire.recordTypes()).add(records);
    }

    Elem updateZone(RecordedRequest r, ObjectNode body) {
        ClodoState.Zone z = zoneOf(r);
        ObjectNode p = in(body, "dns");
        Map<String, Map<String, String>> byId = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> e : p.properties()) {
            int us = e.getKey().lastIndexOf('_');
            if (us < 0 || e.getKey().equals("domain_master")) {
                continue;
            }
            byId.computeIfAbsent(e.getKey().substring(us + 1), k -> new LinkedHashMap<>()).put(e.getKey().substring(0, us), e.getValue().asString());
        }
        synchronized (z.records) {
            byId.forEach((id, rec) -> {
                if (id.startsWith("0")) {
                    z.records.put(st.ids.incrementAndGet(), rec);
                } else if (z.records.containsKey(Long.parseLong(id))) {
                    z.records.get(Long.parseLong(id)).putAll(rec);
                } else {
                    throw new ClodoFail(400, "запись " + id + " не найдена");
                }
            });
        }
        return null;
    }

    Elem deleteZoneOrRecord(RecordedRequest r, ObjectNode body) {
        ClodoState.Zone z = zoneOf(r);
        String record = field(in(body, "dns"), "delete_record");
        if (record == null) {
            st.zones.remove(z.id);
            return null;
        }
        synchronized (z.records) {
            if (z.records.remove(Long.parseLong(record)) == null) {
                throw new ClodoFail(404, "запись не найдена");
            }
        }
        return Elem.of("dns").leafs("new_soa", Long.toString(2024010100L + st.ids.incrementAndGet()));
    }

    // ------------------------------------------------------------------ helpdesk

    Elem tickets() {
        Elem list = Elem.list("tickets").keepItemName();
        st.tickets.forEach((id, t) -> list.add(Elem.of("ticket").leafs("id", Long.toString(id), "subject", t.get("subject"),
                "status", "Обрабатывается", "type_name", "Общие вопросы", "open_date", t.get("open_date"), "status_id", "1", "is_new_events", "")));
        return Elem.of("helpdesk").add(list);
    }

    Elem openTicket(ObjectNode body) {
        ObjectNode p = in(body, "helpdesk");
        st.addTicket(required(p, "tickets_subj"), required(p, "tickets_text"));
        return null;
    }

    private Map<String, Object> ticketOf(RecordedRequest r) {
        Map<String, Object> t = st.tickets.get(ClodoRoutes.pathId(st, r));
        if (t == null) {
            throw new ClodoFail(404, "заявка не найдена");
        }
        return t;
    }

    @SuppressWarnings("unchecked")
    Elem ticket(RecordedRequest r) {
        long id = ClodoRoutes.pathId(st, r);
        Map<String, Object> t = ticketOf(r);
        Elem ticket = Elem.of("ticket").leafs("id", Long.toString(id), "text", t.get("text"), "subject", t.get("subject"),
                "status", "Обрабатывается", "status_id", "1", "type_name", "Общие вопросы", "open_date", t.get("open_date"),
                "operator_name", "", "sla", "0", "vote", "0");
        Elem events = Elem.list("events");
        List<String> texts = (List<String>) t.get("events");
        synchronized (texts) {
            int n = 0;
            for (String text : texts) {
                events.add(Elem.of("event").leafs("ticket_events_id", Long.toString(id * 10 + n++), "ticket_events_date", t.get("open_date"),
                        "ticket_events_user_id", "123", "ticket_events_text", text, "ticket_events_new_user", "", "users_name", "Клиент",
                        "is_user_msg", "1", "is_file", ""));
            }
        }
        return Elem.of("helpdesk").add(ticket).add(events).add(Elem.list("works"));
    }

    @SuppressWarnings("unchecked")
    Elem replyTicket(RecordedRequest r, ObjectNode body) {
        Map<String, Object> t = ticketOf(r);
        String text = required(in(body, "helpdesk"), "text");
        List<String> events = (List<String>) t.get("events");
        synchronized (events) {
            events.add(text);
        }
        return null;
    }

    // ------------------------------------------------------------------ user

    Elem user() {
        Elem u = Elem.of("user");
        new TreeMap<>(st.profile).forEach((k, v) -> u.add(Elem.leaf(k, v)));
        Elem dcs = Elem.list("dcs");
        for (String[] dc : st.datacenters) {
            dcs.add(Elem.of("dc").leafs("id", dc[0], "apihost", dc[1], "title", dc[2]));
        }
        u.add(dcs);
        u.add(Elem.list("auth_ips").add(Elem.of("ip").leafs("ip", "127.0.0.1")));
        u.add(Elem.list("auth_log").add(Elem.of("log").leafs("auth_date", "2012-01-24 04:00:02", "auth_ip", "127.0.0.1", "auth_status", "ok")));
        return u;
    }

    Elem updateUser(ObjectNode body) {
        ObjectNode p = in(body, "user");
        if (p.isEmpty()) {
            throw new ClodoFail(400, "нет параметров");
        }
        for (Map.Entry<String, JsonNode> e : p.properties()) {
            if (!e.getKey().startsWith("users_")) {
                throw new ClodoFail(400, "неизвестный параметр " + e.getKey());
            }
            st.profile.put(e.getKey(), e.getValue().asString());
        }
        return null;
    }

    // ------------------------------------------------------------------ Cloud Storage

    private static Elem storageElem(long id, Map<String, Object> s, boolean detail) {
        Elem e = Elem.of("storage").leafs("id", Long.toString(id), "title", s.get("title"), "login", "storage_123_" + id,
                "cluster", "cs1.clodo.ru:80", "key", "CLODO_key" + id, "size", "19282934228");
        if (detail) {
            e.leafs("is_default", "0", "cache_xomcc", s.getOrDefault("cache_xomcc", "0"), "cache_expires", s.getOrDefault("cache_expires", "off"),
                    "cache_bypass", "X-Cache-Bypass-xjKRssBE", "cache_refererfilter", "", "cache_publicsearch", s.getOrDefault("cache_publicsearch", "1"),
                    "public_url", "storage.test.com", "public_url_checked", "checked");
        } else {
            e.leafs("token", "CLODO_token" + id);
        }
        return e;
    }

    Elem storageList() {
        Elem list = Elem.list("storages");
        st.storages.forEach((id, s) -> list.add(storageElem(id, s, false)));
        return list;
    }

    private Map<String, Object> storageOf(RecordedRequest r) {
        Map<String, Object> s = st.storages.get(ClodoRoutes.pathId(st, r));
        if (s == null) {
            throw new ClodoFail(404, "хранилище не найдено");
        }
        return s;
    }

    Elem createStorage(ObjectNode body) {
        long id = st.addStorage(required(in(body, "storage"), "title"));
        return Elem.of("storage").leafs("id", Long.toString(id), "login", "storage_123_" + id, "cluster", "cs1.clodo.ru:80",
                "key", "CLODO_api" + id, "storagekey", "CLODO_key" + id);
    }

    Elem storageDetail(RecordedRequest r) {
        return storageElem(ClodoRoutes.pathId(st, r), storageOf(r), true);
    }

    Elem updateStorage(RecordedRequest r, ObjectNode body) {
        Map<String, Object> s = storageOf(r);
        ObjectNode p = in(body, "storage");
        Elem changed = Elem.of("storage");
        for (Map.Entry<String, JsonNode> e : p.properties()) {
            String v = e.getValue().asString();
            if (!v.equals(s.get(e.getKey()))) {
                s.put(e.getKey(), v);
                changed.add(Elem.leaf(e.getKey(), v));
            }
        }
        return changed.kids.isEmpty() ? null : changed;
    }

    Elem deleteStorage(RecordedRequest r) {
        storageOf(r);
        st.storages.remove(ClodoRoutes.pathId(st, r));
        return null;
    }

    // ------------------------------------------------------------------ requests and billing

    Elem requestStatus(RecordedRequest r) {
        int[] reads = st.requestReads.get(ClodoRoutes.pathId(st, r));
        if (reads == null) {
            throw new ClodoFail(404, "запрос не найден");
        }
        boolean done = reads[0]++ > 0;
        String at = ClodoWire.dashed(st.now());
        return Elem.of("request").leafs("vps_num", "", "req_complete", done ? "1" : "", "req_complete_date", done ? at : "",
                "req_requests_inwork", at);
    }

    Elem billing(ObjectNode body) {
        String from = field(in(body, "billing"), "from");
        Instant day = from == null || from.isBlank() ? st.now() : Instant.ofEpochSecond(Long.parseLong(from.trim()));
        return ClodoWire.billing(day);
    }
}
