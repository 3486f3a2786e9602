package dev.volga.testkit.endocs;

import dev.volga.testkit.RecordedRequest;
import dev.volga.testkit.StubResponse;
import dev.volga.testkit.endocs.EndocsState.StoredFile;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import static dev.volga.testkit.endocs.EndocsState.blank;
import static dev.volga.testkit.endocs.EndocsState.ci;
import static dev.volga.testkit.endocs.EndocsState.now;
import static dev.volga.testkit.endocs.EndocsState.object;
import static dev.volga.testkit.endocs.EndocsState.text;

/**
 * The EnDocs stub's provider routes: the 15 routes under {@code /api} (matched without regard to
 * case), the auth checks with the rotation quirk, the account switches' refusals and the request
 * bodies' parsing. Each request is handled with the state's lock held.
 */
final class EndocsRoutes {

    private final EndocsState state;
    private final EndocsWire wire;

    EndocsRoutes(EndocsState state, EndocsWire wire) {
        this.state = state;
        this.wire = wire;
    }

    StubResponse handle(RecordedRequest req) {
        String[] seg = req.path().split("/");
        // "", "api", controller, action, params…
        if (seg.length < 4 || !seg[1].equalsIgnoreCase("api")) {
            return StubResponse.status(404);
        }
        String route = (seg[2] + "/" + seg[3]).toLowerCase(Locale.ROOT);
        List<String> params = new ArrayList<>();
        for (int i = 4; i < seg.length; i++) {
            params.add(URLDecoder.decode(seg[i], StandardCharsets.UTF_8));
        }
        synchronized (state) {
            try {
                return dispatch(req, route, params);
            } catch (EndocsReject r) {
                return r.response(wire);
            }
        }
    }

    private StubResponse dispatch(RecordedRequest req, String route, List<String> p) {
        boolean get = req.method().equals("GET");
        switch (route) {
            case "output/getclientinfo" -> {
                expect(get, p.size() == 0);
                auth(req);
                return wire.json(200, wire.clientInfo());
            }
            case "output/getclientusers" -> {
                expect(get, p.size() == 0);
                auth(req);
                notBlocked();
                ArrayNode arr = state.nodes.arrayNode();
                state.users.stream().sorted(Comparator.comparing(u -> u.get("email").asString())).forEach(arr::add);
                return wire.json(200, arr);
            }
            case "output/getnonformdoc", "output/getnewcontracts", "output/getnewinvoices", "output/getnewinputs" -> {
                expect(get, p.size() == 2);
                long docId = intParam(p.get(0));
                auth(req);
                notBlocked();
                return wire.json(200, feed(route, docId));
            }
            case "file/getfilebyextid" -> {
                expect(get, p.size() == 1);
                auth(req);
                return wire.fileCollection(state.byExtId(p.get(0)), "File not found ( #err-70)");
            }
            case "file/getfilebyextintid" -> {
                expect(get, p.size() == 2);
                auth(req);
                return wire.fileCollection(state.byKind(p.get(0), p.get(1)), "File not found ( #err-70)");
            }
            case "file/getmetafilebyid" -> {
                expect(get, p.size() == 1);
                long id = intParam(p.get(0));
                auth(req);
                return wire.fileCollection(state.files.get("MetaID:" + id), "Files not found ( #err-70)");
            }
            case "file/getcontractfilebyid" -> {
                expect(get, p.size() == 1);
                long id = intParam(p.get(0));
                auth(req);
                return wire.fileCollection(state.files.get("ContractID:" + id), "Files not found ( #err-70)");
            }
            case "contract/addorupdatecontract" -> {
                expect(!get, p.isEmpty());
                return upsertContract(req, body(req));
            }
            case "metadata/addorupdateextdoc" -> {
                expect(!get, p.isEmpty());
                return upsertDocument(req, body(req), false);
            }
            case "metadata/addorupdatelocaldoc" -> {
                expect(!get, p.isEmpty());
                return upsertDocument(req, body(req), true);
            }
            case "metadata/addorupdatenonformdoc" -> {
                expect(!get, p.isEmpty());
                return uploadScan(req, body(req));
            }
            case "metadata/docapproval" -> {
                expect(!get, p.isEmpty());
                return approval(req, body(req));
            }
            default -> {
                return StubResponse.status(404);
            }
        }
    }

    // ------------------------------------------------------------------ checks

    private static void expect(boolean methodOk, boolean paramsOk) {
        if (!paramsOk) {
            throw EndocsReject.with(StubResponse.status(404));
        }
        if (!methodOk) {
            throw EndocsReject.with(StubResponse.status(405));
        }
    }

    private long intParam(String value) {
        try {
            return Long.parseLong(value); // ids are int64 (document ids do pass 2^31)
        } catch (NumberFormatException e) {
            throw EndocsReject.with(wire.problem("The value '" + value + "' is not valid."));
        }
    }

    private void auth(RecordedRequest req) {
        Optional<String> header = req.header("Authorization");
        boolean as401 = state.allAuthAs401;
        if (header.isEmpty()) {
            state.staleTokenRequests.add(req.sequence());
            throw EndocsReject.error(as401 ? 401 : 400, "No Authorization header ( #err-80)");
        }
        String h = header.get();
        if (!h.startsWith("Bearer ") || h.substring(7).isBlank()) {
            state.staleTokenRequests.add(req.sequence());
            throw EndocsReject.error(as401 ? 401 : 400, "No token received ( #err-30)");
        }
        String presented = h.substring(7);
        if (state.unverifiable.contains(presented)) {
            state.staleTokenRequests.add(req.sequence());
            throw EndocsReject.error(as401 ? 401 : 400, "Could not validate token");
        }
        if (!presented.equals(state.token)) {
            state.staleTokenRequests.add(req.sequence());
            throw EndocsReject.error(401, "Could not find any client for this token ( #err-40)");
        }
        if (state.rotateOnNextUse) {
            state.rotateOnNextUse = false;
            state.token = "rotated-" + UUID.randomUUID();
        }
    }

    private void notBlocked() {
        if (state.blocked) {
            throw EndocsReject.error(400, "Client is blocked ( #err-50)");
        }
    }

    private void writable(ObjectNode body) {
        notBlocked();
        JsonNode v = ci(body, "Version1CExchange");
        if (v != null && v.isNumber() && v.asInt() < state.minExchangeVersion) {
            throw EndocsReject.error(400, "Need update 1C configuration version ( #err-10)");
        }
        if (state.storageFull) {
            throw EndocsReject.error(400, "Storage quota excceeded ( #err-60)");
        }
    }

    private ObjectNode body(RecordedRequest req) {
        byte[] raw = req.body();
        if (raw.length > EndocsStub.MAX_REQUEST_BODY) {
            throw EndocsReject.with(StubResponse.status(413));
        }
        String type = req.header("Content-Type").orElse("");
        if (!type.toLowerCase(Locale.ROOT).startsWith("application/json")) {
            throw EndocsReject.with(StubResponse.status(415));
        }
        if (raw.length == 0) {
            throw EndocsReject.with(wire.problem("A non-empty request body is required."));
        }
        try {
            JsonNode node = state.mapper.readTree(raw);
            if (!node.isObject()) {
                throw EndocsReject.with(wire.problem("The JSON value could not be converted."));
            }
            return (ObjectNode) node;
        } catch (JacksonException e) {
            throw EndocsReject.with(wire.problem("The JSON value could not be converted."));
        }
    }

    private static void required(ObjectNode body, String key, String message) {
        if (blank(ci(body, key))) {
            throw EndocsReject.error(400, message);
        }
    }

    // ------------------------------------------------------------------ routes

    private ObjectNode feed(String route, long docId) {
        boolean off = switch (route) {
            case "output/getnewcontracts" -> !state.syncContracts;
            case "output/getnewinvoices" -> !state.syncInvoices;
            case "output/getnewinputs" -> !state.syncInputs;
            default -> false;
        };
        if (off) {
            return wire.keyValue(0, null);
        }
        ArrayNode items = state.nodes.arrayNode();
        int count;
        if (route.equals("output/getnonformdoc")) {
            List<ObjectNode> selected = state.newScans(docId);
            count = selected.size();
            for (ObjectNode s : selected) {
                for (StoredFile f : state.files.getOrDefault("NonFormID:" + s.get("Id").asLong(), List.of())) {
                    items.add(wire.scanRow(s, f));
                }
            }
        } else if (route.equals("output/getnewcontracts")) {
            List<ObjectNode> selected = state.newContracts(docId);
            count = selected.size();
            selected.forEach(c -> items.add(wire.contractJson(c, false)));
        } else {
            int type = route.equals("output/getnewinvoices") ? EndocsState.INVOICE_TYPE : EndocsState.INPUT_TYPE;
            List<ObjectNode> selected = state.newDocuments(type, docId);
            count = selected.size();
            selected.forEach(d -> items.add(wire.documentJson(d, false)));
        }
        return wire.keyValue(count, items);
    }

    private StubResponse upsertContract(RecordedRequest req, ObjectNode body) {
        auth(req);
        required(body, "RequestID", "Field RequestID is required");
        required(body, "Name", "Field Name is required");
        ObjectNode contractorIn = object(body, "Contractor");
        ObjectNode orgIn = object(body, "Organization");
        if (contractorIn == null || blank(ci(contractorIn, "Ext_ID")) || orgIn == null || blank(ci(orgIn, "Ext_ID"))) {
            throw EndocsReject.error(400, "Field Contractor is required");
        }
        writable(body);
        ObjectNode org = state.upsertOrganization(orgIn);
        ObjectNode contractor = state.upsertContractor(contractorIn, org);
        ObjectNode existing = null;
        JsonNode contractId = ci(body, "ContractID");
        if (contractId != null && !contractId.isNull() && contractId.asLong() != 0) {
            existing = state.contracts.get(contractId.asLong());
            if (existing == null) {
                throw EndocsReject.error(400, "No Contract document was found");
            }
        } else if (!blank(ci(body, "Ext_ID"))) {
            String ext = text(ci(body, "Ext_ID"));
            existing = state.contracts.values().stream().filter(c -> ext.equals(text(c.get("Ext_ID")))
                    && org.get("Id").asLong() == c.path("OrganizationId").asLong()).findFirst().orElse(null);
        }
        List<StoredFile> newFiles = state.binaries(body, existing == null);
        if (existing != null) {
            state.copyExact(body, existing, EndocsState.CONTRACT_PROPS);
            existing.put("ContractorId", contractor.get("Id").asLong()).put("Modified", now()).put("ModifiedBy", "ExternalSystem");
            long existingId = existing.get("Id").asLong();
            newFiles.forEach(f -> state.putFile("ContractID:" + existingId, f.name(), f.content()));
            return StubResponse.status(204);
        }
        long id = state.newId();
        ObjectNode c = state.nodes.objectNode();
        c.put("Id", id);
        state.copyCaseInsensitive(body, c, EndocsState.CONTRACT_PROPS);
        c.put("DocTypeId", 4).put("DocType", "Договор").put("OrganizationId", org.get("Id").asLong())
                .put("ContractorId", contractor.get("Id").asLong()).put("Deleted", false)
                .put("Created", now()).put("Modified", now()).put("CreatedBy", "ExternalSystem").put("ModifiedBy", "ExternalSystem");
        if (blank(c.get("State"))) {
            c.put("State", "Проведено в 1С");
        }
        state.contracts.put(id, c);
        newFiles.forEach(f -> state.putFile("ContractID:" + id, f.name(), f.content()));
        state.moveScanFile(body, "ContractID:" + id);
        return wire.json(201, wire.contractJson(c, true)).header("Location", "/api/Contract/AddOrUpdateContract");
    }

    private StubResponse upsertDocument(RecordedRequest req, ObjectNode body, boolean local) {
        auth(req);
        required(body, "RequestID", "Field RequestID is required");
        ObjectNode orgIn = object(body, "Organization");
        if (orgIn == null || blank(ci(orgIn, "Ext_ID"))) {
            throw EndocsReject.error(400, "Field Organization is required");
        }
        if (!local) {
            JsonNode type = ci(body, "DocTypeId");
            if (type == null || !type.isNumber() || type.asInt() == 0) {
                throw EndocsReject.error(400, "Field DocType is required");
            }
            JsonNode source = ci(body, "Source");
            if (blank(source)) {
                throw EndocsReject.error(400, "Field Source is required");
            }
            if (!Set.of("Входящий", "Исходящий").contains(text(source))) {
                throw EndocsReject.error(400, "Field Source value incorrect");
            }
        }
        writable(body);
        ObjectNode org = state.upsertOrganization(orgIn);
        ObjectNode contractorIn = object(body, "Contractor");
        ObjectNode contractor = contractorIn == null ? null : state.upsertContractor(contractorIn, org);
        ObjectNode contractIn = object(body, "Contract");
        ObjectNode contract = contractIn == null ? null : state.upsertContractRef(contractIn, org, contractor);
        ObjectNode existing = null;
        if (!local) {
            JsonNode metaId = ci(body, "MetaID");
            if (metaId != null && !metaId.isNull() && metaId.asLong() != 0) {
                existing = state.documents.get(metaId.asLong());
                if (existing == null) {
                    throw EndocsReject.error(400, "No Metadata document was found");
                }
            }
            if (existing == null && !blank(ci(body, "EDIId"))) {
                String edi = text(ci(body, "EDIId"));
                existing = state.documents.values().stream().filter(d -> edi.equals(text(d.get("EDIId")))).findFirst()
                        .orElse(null);
            }
        }
        if (existing == null && !blank(ci(body, "Ext_ID"))) {
            String ext = text(ci(body, "Ext_ID"));
            existing = state.documents.values().stream().filter(d -> ext.equals(text(d.get("Ext_ID")))).findFirst()
                    .orElse(null);
        }
        List<StoredFile> newFiles = state.binaries(body, existing == null);
        if (existing != null) {
            Set<String> props = new LinkedHashSet<>(EndocsState.DOCUMENT_PROPS);
            if (local) {
                props.remove("Source");
            }
            state.copyExact(body, existing, props);
            if (contractor != null) {
                existing.put("ContractorId", contractor.get("Id").asLong());
            }
            if (contract != null) {
                existing.put("ContractId", contract.get("Id").asLong());
            }
            existing.put("Modified", now()).put("ModifiedBy", "ExternalSystem");
            ObjectNode target = existing;
            newFiles.forEach(f -> state.putFile("MetaID:" + target.get("Id").asLong(), f.name(), f.content()));
            return StubResponse.status(204);
        }
        long id = state.newId();
        ObjectNode d = state.nodes.objectNode();
        d.put("Id", id);
        state.copyCaseInsensitive(body, d, EndocsState.DOCUMENT_PROPS);
        if (local) {
            d.put("Source", "Внутренний");
        }
        d.put("OrganizationId", org.get("Id").asLong()).put("Deleted", false).put("Created", now()).put("Modified", now())
                .put("CreatedBy", "ExternalSystem").put("ModifiedBy", "ExternalSystem");
        if (d.has("DocTypeId")) {
            d.put("DocType", EndocsState.DOC_TYPES.get(d.get("DocTypeId").asInt()));
        }
        if (contractor != null) {
            d.put("ContractorId", contractor.get("Id").asLong());
        }
        if (contract != null) {
            d.put("ContractId", contract.get("Id").asLong());
        }
        if (blank(d.get("State"))) {
            d.put("State", "Проведено в 1С");
        }
        state.documents.put(id, d);
        newFiles.forEach(f -> state.putFile("MetaID:" + id, f.name(), f.content()));
        state.moveScanFile(body, "MetaID:" + id);
        return wire.json(201, wire.documentJson(d, true))
                .header("Location", "/api/Metadata/" + (local ? "AddOrUpdateLocalDoc" : "AddOrUpdateExtDoc"));
    }

    private StubResponse uploadScan(RecordedRequest req, ObjectNode body) {
        // file checks run before auth on this route
        JsonNode bins = ci(body, "Binaries");
        if (bins == null || !bins.isArray() || bins.isEmpty()) {
            throw EndocsReject.error(400, "File is required");
        }
        List<StoredFile> decoded = state.binaries(body, true);
        required(body, "RequestID", "Field RequestID is required");
        auth(req);
        long id = state.newId();
        ObjectNode s = state.nodes.objectNode();
        StoredFile first = decoded.get(0);
        s.put("Id", id).set("RequestID", ci(body, "RequestID"));
        for (String key : List.of("DocTypeId", "OrganizationId", "Sender", "Comment", "Amount", "ContractorId")) {
            JsonNode v = ci(body, key);
            if (v != null) {
                s.set(key, v);
            }
        }
        JsonNode date = ci(body, "DocDate");
        if (date != null && date.isString()) {
            s.put("DocDate", EndocsState.inputDate(date.asString()));
        }
        s.put("FileName", first.name()).put("FileSize", first.content().length).put("Deleted", false).put("Declined", false)
                .put("Created", now()).put("Modified", now());
        state.scans.put(id, s);
        state.files.put("NonFormID:" + id, new ArrayList<>(List.of(first)));
        return wire.json(201, wire.scanCreated(s)).header("Location", "/api/Metadata/AddOrUpdateNonFormDoc");
    }

    private StubResponse approval(RecordedRequest req, ObjectNode body) {
        auth(req);
        notBlocked();
        JsonNode approved = ci(body, "Approved");
        if (approved != null && approved.asBoolean(false)) {
            throw EndocsReject.error(400, "Wrong approval for document was found");
        }
        JsonNode id = ci(body, "NonFormID");
        if (id == null || !id.isNumber() || id.asLong() == 0) {
            throw EndocsReject.error(400, "Field NonFormID is required");
        }
        ObjectNode s = state.scans.get(id.asLong());
        if (s == null || s.path("Deleted").asBoolean(false)) {
            throw EndocsReject.error(400, "No NonFormDoc with id " + id.asLong() + " was found");
        }
        s.put("Declined", true).put("Deleted", true).put("Modified", now());
        JsonNode approver = ci(body, "Approver");
        s.put("DeclinedBy", approver == null ? null : approver.asString(null));
        JsonNode comment = ci(body, "Comment");
        if (comment != null) {
            s.set("DeclineComment", comment);
        }
        return StubResponse.status(200).header("Content-Type", "text/plain; charset=utf-8").body("Success");
    }
}
