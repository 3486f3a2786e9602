package dev.volga.testkit.clodo;

import dev.volga.testkit.RecordedRequest;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

import static dev.volga.testkit.clodo.ClodoRoutes.field;
import static dev.volga.testkit.clodo.ClodoRoutes.in;
import static dev.volga.testkit.clodo.ClodoRoutes.required;

/** The server routes: servers, their actions, log, stats, backups and IPs. */
final class ClodoServers {

    private final ClodoState st;

    ClodoServers(ClodoState st) {
        this.st = st;
    }

    ClodoState.ServerRec of(RecordedRequest r) {
        ClodoState.ServerRec s = st.servers.get(ClodoRoutes.pathId(st, r));
        if (s == null) {
            throw new ClodoFail(404, "VPS не найдена");
        }
        return s;
    }

    Elem list(boolean detail) {
        if (st.servers.isEmpty()) {
            throw new ClodoFail(404, "VPS не найдены");
        }
        Elem list = Elem.list("servers");
        st.servers.values().stream().sorted((a, b) -> Long.compare(a.id, b.id)).forEach(s -> list.add(ClodoWire.server(s, detail)));
        return list;
    }

    Elem detail(RecordedRequest r) {
        ClodoState.ServerRec s = of(r);
        Elem e = ClodoWire.server(s, true);
        switch (s.status) {
            case "is_request" -> s.status = "is_install";
            case "is_install" -> s.status = "is_running";
            default -> { }
        }
        return e;
    }

    Elem create(ObjectNode body) {
        ObjectNode p = in(body, "server");
        String name = field(p, "vps_title") != null ? field(p, "vps_title") : required(p, "name");
        String type = required(p, "vps_type");
        if (!type.equals("VirtualServer") && !type.equals("ScaleServer")) {
            throw new ClodoFail(400, "неверный тип VPS");
        }
        int memory = Integer.parseInt(required(p, "vps_memory"));
        int hdd = Integer.parseInt(required(p, "vps_hdd"));
        String os = field(p, "vps_os") != null ? field(p, "vps_os") : required(p, "vps_os_preset");
        ClodoState.ServerRec s = st.newServer(name, Long.parseLong(os), type, "is_request", memory, hdd);
        return Elem.of("server").leafs("id", Long.toString(s.id), "name", name, "imageId", os, "adminPass", "Pw" + s.id + "xQ");
    }

    Elem modify(RecordedRequest r, ObjectNode body) {
        ClodoState.ServerRec s = of(r);
        ObjectNode p = in(body, "server");
        if (p.isEmpty()) {
            throw new ClodoFail(400, "нет параметров");
        }
        if (field(p, "vps_memory") != null) {
            s.memory = Integer.parseInt(field(p, "vps_memory"));
        }
        if (field(p, "vps_hdd") != null) {
            s.hdd = Integer.parseInt(field(p, "vps_hdd"));
        }
        return null;
    }

    Elem delete(RecordedRequest r) {
        ClodoState.ServerRec s = of(r);
        if (s.status.equals("is_install")) {
            throw new ClodoFail(405, "VPS устанавливается");
        }
        st.servers.remove(s.id);
        return null;
    }

    Elem changeType(RecordedRequest r, ObjectNode body) {
        of(r);
        String pay = required(in(body, "server"), "pay_type");
        if (!List.of("1h", "1m", "3m", "6m", "12m").contains(pay)) {
            throw new ClodoFail(400, "неверный pay_type");
        }
        return null;
    }

    Elem action(RecordedRequest r, ObjectNode body) {
        ClodoState.ServerRec s = of(r);
        if (body.size() != 1) {
            throw new ClodoFail(400, "ожидалось одно действие");
        }
        String action = body.propertyNames().iterator().next();
        String command;
        switch (action) {
            case "start" -> { s.status = "is_running"; command = "Старт"; }
            case "stop" -> { s.status = "is_disabled"; command = "Стоп"; }
            case "reboot" -> { s.status = "is_running"; command = "Перезагрузка"; }
            case "rebuild" -> {
                JsonNode a = body.get("rebuild");
                String image = a.isObject() ? field((ObjectNode) a, "imageId") : null;
                if (image == null) {
                    throw new ClodoFail(400, "не указан imageId");
                }
                s.imageId = Long.parseLong(image);
                s.status = "is_install";
                command = "Переустановка";
            }
            default -> throw new ClodoFail(400, "неизвестное действие");
        }
        synchronized (s.log) {
            s.log.add(new String[] {Long.toString(st.ids.incrementAndGet()), command, "Клиент (API)", ClodoWire.dotted(st.now()), "ОК"});
        }
        return null;
    }

    Elem log(RecordedRequest r) {
        ClodoState.ServerRec s = of(r);
        Elem logs = Elem.of("logs");
        synchronized (s.log) {
            for (String[] l : s.log) {
                logs.add(Elem.of("log").leafs("id", l[0], "command", l[1], "user", l[2], "date", l[3], "status", l[4]));
            }
        }
        if (s.log.isEmpty()) {
            throw new ClodoFail(404, "записей нет");
        }
        return logs;
    }

    Elem stats(RecordedRequest r, ObjectNode body) {
        of(r);
        ObjectNode p = in(body, "stats");
        long from = Long.parseLong(required(p, "from"));
        Elem stats = Elem.of("stats");
        for (int i = 0; i < 2; i++) {
            stats.add(Elem.of("row").leafs("statdate", Long.toString(from + 60L * i), "cpu_sec", "1", "cpu_perc", "0.25",
                    "mem_current", "524288", "mem_used", "146936", "net_rx", "548", "net_tx", "177", "hdd_read", "0", "hdd_write", "75"));
        }
        return stats;
    }

    Elem backups(RecordedRequest r) {
        ClodoState.ServerRec s = of(r);
        String osType = s.image().osType();
        Elem list = Elem.list("backups").keepItemName();
        synchronized (s.backups) {
            for (Map<String, String> b : s.backups) {
                list.add(Elem.of("backup").leafs("file", b.get("file"), "date", b.get("date"), "price", new BigDecimal("0.05"),
                        "size", "5", "desc", b.get("desc"), "days", b.get("days"), "time", b.get("time"), "os_type", osType));
            }
        }
        return list;
    }

    Elem backupReq(RecordedRequest r, ObjectNode body, String root) {
        ClodoState.ServerRec s = of(r);
        String file = field(body, "file");
        long req = st.ids.incrementAndGet();
        st.requestReads.put(req, new int[1]);
        synchronized (s.backups) {
            switch (root) {
                case "backup_create" -> {
                    if (file == null) {
                        st.addBackup(s.id, Long.toString(req), "");
                    }
                }
                case "backup_delete" -> {
                    if (file == null || !s.backups.removeIf(b -> b.get("file").equals(file))) {
                        throw new ClodoFail(404, "резервная копия не найдена");
                    }
                }
                default -> {
                    if (file == null || s.backups.stream().noneMatch(b -> b.get("file").equals(file))) {
                        throw new ClodoFail(404, "резервная копия не найдена");
                    }
                    st.restoreReads.put(req, new int[1]);
                }
            }
        }
        return Elem.of(root).add(Elem.leaf("req", req));
    }

    Elem restoreState(ObjectNode body) {
        long req = Long.parseLong(required(body, "req"));
        int[] reads = st.restoreReads.get(req);
        if (reads == null) {
            throw new ClodoFail(404, "запрос не найден");
        }
        int progress = reads[0]++ == 0 ? 50 : 100;
        return Elem.of("restore_state").add(Elem.leaf("progress", progress));
    }

    Elem backupSet(RecordedRequest r, ObjectNode body, String what) {
        ClodoState.ServerRec s = of(r);
        ObjectNode p = in(body, "backup");
        String file = required(p, "file");
        synchronized (s.backups) {
            Map<String, String> b = s.backups.stream().filter(x -> x.get("file").equals(file)).findFirst()
                    .orElseThrow(() -> new ClodoFail(404, "резервная копия не найдена"));
            if (what.equals("desc")) {
                b.put("desc", required(p, "desc"));
            } else {
                b.put("days", required(p, "backups_days"));
                b.put("time", required(p, "backups_time"));
            }
        }
        return null;
    }

    Elem addIp(RecordedRequest r, ObjectNode body) {
        ClodoState.ServerRec s = of(r);
        String subnet = field(body, "subnet");
        String prefix = subnet == null ? "62.76.41." : subnet.replace("*", "");
        synchronized (s.ips) {
            s.ips.add(new String[] {prefix + (100 + st.ids.incrementAndGet() % 150), ""});
        }
        return null;
    }

    Elem deleteIp(RecordedRequest r, ObjectNode body) {
        ClodoState.ServerRec s = of(r);
        String ip = required(body, "ip");
        synchronized (s.ips) {
            if (!s.ips.removeIf(x -> x[0].equals(ip))) {
                throw new ClodoFail(400, "IP не принадлежит VPS");
            }
        }
        return null;
    }

    Elem moveIp(RecordedRequest r, ObjectNode body) {
        ClodoState.ServerRec target = of(r);
        String ip = required(body, "ip");
        for (ClodoState.ServerRec s : st.servers.values()) {
            synchronized (s.ips) {
                for (String[] x : s.ips) {
                    if (x[0].equals(ip)) {
                        if ("1".equals(x[1])) {
                            throw new ClodoFail(400, "основной IP нельзя перенести");
                        }
                        s.ips.remove(x);
                        synchronized (target.ips) {
                            target.ips.add(x);
                        }
                        return null;
                    }
                }
            }
        }
        throw new ClodoFail(404, "IP не найден");
    }
}
