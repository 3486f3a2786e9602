package dev.volga.testkit.endocs;

import dev.volga.testkit.FaultDialect;
import dev.volga.testkit.RecordedRequest;
import dev.volga.testkit.StubResponse;
import dev.volga.testkit.endocs.EndocsState.StoredFile;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The EnDocs stub's wire format: entities written in camelCase as System.Text.Json's camel-case
 * policy does, feeds as {@code {"Key","Value"}}, files as base64 inside JSON, error texts in the
 * current {@link EndocsStub.ErrorForm}, ASP.NET's ProblemDetails, and the fault dialect. Entity
 * writers read the state and are called with its lock held.
 */
final class EndocsWire {

    private static final String UNSET = "0001-01-01T00:00:00Z";

    private final EndocsState state;
    private final JsonNodeFactory nodes = JsonNodeFactory.instance;

    EndocsWire(EndocsState state) {
        this.state = state;
    }

    StubResponse json(int status, JsonNode body) {
        return StubResponse.status(status).header("Content-Type", "application/json; charset=utf-8")
                .body(state.mapper.writeValueAsBytes(body));
    }

    /** An error text in the current error form. */
    StubResponse error(int status, String text) {
        return switch (state.errorForm()) {
            case PLAIN_TEXT -> StubResponse.status(status).header("Content-Type", "text/plain; charset=utf-8").body(text);
            case JSON_STRING -> json(status, nodes.stringNode(text));
            case ERROR_OBJECT -> json(status, nodes.objectNode().put("error", text));
            case MESSAGE_OBJECT -> json(status, nodes.objectNode().put("message", text));
            case PROBLEM_DETAILS -> StubResponse.status(status).header("Content-Type", "application/problem+json; charset=utf-8")
                    .body(state.mapper.writeValueAsBytes(nodes.objectNode().put("type", "https://tools.ietf.org/html/rfc7231")
                            .put("title", text).put("status", status).put("traceId", "|stub." + UUID.randomUUID())));
        };
    }

    /** ASP.NET's automatic 400 for a body or route value that cannot be bound. */
    StubResponse problem(String message) {
        ObjectNode p = nodes.objectNode().put("type", "https://tools.ietf.org/html/rfc7231#section-6.5.1")
                .put("title", "One or more validation errors occurred.").put("status", 400)
                .put("traceId", "|stub." + UUID.randomUUID());
        p.putObject("errors").putArray("").add(message);
        return StubResponse.status(400).header("Content-Type", "application/problem+json; charset=utf-8")
                .body(state.mapper.writeValueAsBytes(p));
    }

    /** @return EnDocs' forms of injected faults and quota refusals, in the current error form */
    FaultDialect dialect() {
        return new Dialect();
    }

    private final class Dialect implements FaultDialect {
        @Override
        public StubResponse status(RecordedRequest request, int status) {
            return error(status, switch (status) {
                case 401 -> "Could not find any client for this token ( #err-40)";
                case 429 -> "Too Many Requests";
                case 500 -> "An unhandled exception occurred while processing the request.";
                case 502 -> "Bad Gateway";
                case 503 -> "Service Unavailable";
                case 504 -> "Gateway Timeout";
                default -> "HTTP " + status;
            });
        }

        @Override
        public StubResponse malformed(RecordedRequest request) {
            return StubResponse.status(200).header("Content-Type", "application/json; charset=utf-8")
                    .body("{\"id\":12,\"name\":\"ООО Ром");
        }
    }

    // ------------------------------------------------------------------ bodies (state lock held)

    ObjectNode clientInfo() {
        ObjectNode c = nodes.objectNode();
        c.put("id", 12).putNull("name").putNull("token").put("tokenExpires", UNSET).put("storageQuota", 5.0)
                .put("storageUsed", 120.5).put("usersQuota", 10).put("usersUsed", state.users.size())
                .put("blocked", state.blocked)
                .putNull("inn").putNull("kpp").putNull("bik").putNull("legalName").putNull("email").putNull("billTo")
                .putNull("blockDate").putNull("tariffId").putNull("unicPerms").put("created", UNSET).putNull("phone")
                .putNull("lastLogin").putNull("ocrQuota").putNull("ocrUsed");
        return c;
    }

    ObjectNode keyValue(int count, ArrayNode value) {
        boolean lower = state.lowercaseKeyValue;
        ObjectNode kv = nodes.objectNode();
        kv.put(lower ? "key" : "Key", count);
        if (value == null) {
            kv.putNull(lower ? "value" : "Value");
        } else {
            kv.set(lower ? "value" : "Value", value);
        }
        return kv;
    }

    ObjectNode scanRow(ObjectNode s, StoredFile f) {
        ObjectNode r = nodes.objectNode();
        r.put("id", s.get("Id").asLong()).put("fileName", f.name()).put("fileSize", f.content().length)
                .put("created", s.get("Created").asString()).put("modified", s.get("Modified").asString())
                .set("sender", s.get("Sender"));
        r.set("organization", s.has("OrganizationId") && !s.get("OrganizationId").isNull()
                ? orgJson(state.organizations.get(s.get("OrganizationId").asLong())) : nodes.nullNode());
        r.set("docTypeId", s.path("DocTypeId").isMissingNode() ? nodes.nullNode() : s.get("DocTypeId"));
        r.putNull("docTypeName").putNull("ocRtype").putNull("docNumber");
        r.set("docDate", s.path("DocDate").isMissingNode() ? nodes.nullNode() : s.get("DocDate"));
        r.set("amount", s.path("Amount").isMissingNode() ? nodes.nullNode() : s.get("Amount"));
        r.putNull("amountWOVAT").putNull("vat").putNull("amountToPay").put("currency", "RUB").putNull("docNumTaxInvoice")
                .putNull("docDateTaxInvoice").putNull("docNumInvoice").putNull("docDateInvoice").putNull("tablePart")
                .putNull("amountTotal").putNull("contractor").putNull("fileBase64").putNull("blobUrl").put("metaId", 0)
                .put("contractId", 0).put("nonFormDocId", 0).putNull("hasSignature");
        return r;
    }

    /** The answer to an uploaded scan: its properties in camelCase. */
    ObjectNode scanCreated(ObjectNode s) {
        ObjectNode out = nodes.objectNode();
        for (Map.Entry<String, JsonNode> e : s.properties()) {
            out.set(camel(e.getKey()), e.getValue());
        }
        out.put("fileExists", true).putNull("binaries").put("clientId", 12).putNull("client").putNull("ocrState");
        return out;
    }

    StubResponse fileCollection(List<StoredFile> found, String notFound) {
        if (found == null || found.isEmpty()) {
            throw EndocsReject.error(400, notFound);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes("{\"binaries\":[".getBytes(StandardCharsets.US_ASCII));
        for (int i = 0; i < found.size(); i++) {
            StoredFile f = found.get(i);
            out.writeBytes((i == 0 ? "{\"fileName\":" : ",{\"fileName\":").getBytes(StandardCharsets.US_ASCII));
            out.writeBytes(state.mapper.writeValueAsBytes(f.name()));
            out.writeBytes(",\"fileBase64\":\"".getBytes(StandardCharsets.US_ASCII));
            byte[] b64 = Base64.getEncoder().encode(f.content());
            if (state.escapePlus) {
                for (byte b : b64) {
                    if (b == '+') {
                        out.writeBytes("\\u002B".getBytes(StandardCharsets.US_ASCII));
                    } else {
                        out.write(b);
                    }
                }
            } else {
                out.writeBytes(b64);
            }
            out.writeBytes("\"}".getBytes(StandardCharsets.US_ASCII));
        }
        out.writeBytes("]}".getBytes(StandardCharsets.US_ASCII));
        return StubResponse.status(200).header("Content-Type", "application/json; charset=utf-8").body(out.toByteArray());
    }

    ObjectNode contractJson(ObjectNode c, boolean createResponse) {
        ObjectNode out = nodes.objectNode();
        out.put("id", c.get("Id").asLong());
        for (String p : EndocsState.CONTRACT_PROPS) {
            out.set(camel(p), c.has(p) ? c.get(p) : nodes.nullNode());
        }
        ObjectNode org = c.has("OrganizationId") ? state.organizations.get(c.get("OrganizationId").asLong()) : null;
        ObjectNode ctr = c.has("ContractorId") ? state.contractors.get(c.get("ContractorId").asLong()) : null;
        out.put("docTypeId", 4).put("docType", "Договор").putNull("docKind");
        out.set("organizationId", org == null ? nodes.nullNode() : org.get("Id"));
        out.set("organizationName", org == null ? nodes.nullNode() : org.get("Name"));
        out.set("contractorName", ctr == null ? nodes.nullNode() : ctr.get("Name"));
        out.set("organization", createResponse ? brief(org) : orgJson(org));
        out.set("contractor", createResponse ? brief(ctr) : contractorJson(ctr));
        out.putNull("project").putNull("ediId").putNull("ediState").put("deleted", c.path("Deleted").asBoolean(false))
                .putNull("deletedBy").putNull("deleteDate");
        out.set("created", c.get("Created"));
        out.set("modified", c.get("Modified"));
        out.set("createdBy", c.has("CreatedBy") ? c.get("CreatedBy") : nodes.nullNode());
        out.set("modifiedBy", c.has("ModifiedBy") ? c.get("ModifiedBy") : nodes.nullNode());
        out.putNull("binaries").put("fileExists", state.files.containsKey("ContractID:" + c.get("Id").asLong()))
                .put("clientId", 12).putNull("client");
        return out;
    }

    ObjectNode documentJson(ObjectNode d, boolean createResponse) {
        ObjectNode out = nodes.objectNode();
        out.put("id", d.get("Id").asLong());
        for (String p : EndocsState.DOCUMENT_PROPS) {
            out.set(camel(p), d.has(p) ? d.get(p) : nodes.nullNode());
        }
        out.set("docType", d.has("DocType") ? d.get("DocType") : nodes.nullNode());
        ObjectNode org = d.has("OrganizationId") ? state.organizations.get(d.get("OrganizationId").asLong()) : null;
        ObjectNode ctr = d.has("ContractorId") ? state.contractors.get(d.get("ContractorId").asLong()) : null;
        ObjectNode con = d.has("ContractId") ? state.contracts.get(d.get("ContractId").asLong()) : null;
        out.set("organization", createResponse ? brief(org) : orgJson(org));
        out.set("contractor", createResponse ? brief(ctr) : contractorJson(ctr));
        out.set("contract", con == null ? nodes.nullNode() : createResponse ? brief(con) : contractJson(con, true));
        out.set("created", d.get("Created"));
        out.set("modified", d.get("Modified"));
        out.set("createdBy", d.has("CreatedBy") ? d.get("CreatedBy") : nodes.nullNode());
        out.set("modifiedBy", d.has("ModifiedBy") ? d.get("ModifiedBy") : nodes.nullNode());
        out.put("deleted", d.path("Deleted").asBoolean(false)).putNull("project").putNull("binaries").putNull("string1")
                .put("uploadedTo1C", false).put("clientId", 12).putNull("client");
        return out;
    }

    private ObjectNode brief(ObjectNode entity) {
        if (entity == null) {
            return null;
        }
        ObjectNode b = nodes.objectNode();
        b.put("id", entity.get("Id").asLong()).set("name", entity.get("Name"));
        b.putNull("inn").putNull("kpp").put("clientId", 0).putNull("client").putNull("ext_ID");
        return b;
    }

    private ObjectNode orgJson(ObjectNode o) {
        if (o == null) {
            return null;
        }
        ObjectNode out = nodes.objectNode();
        for (Map.Entry<String, JsonNode> e : o.properties()) {
            out.set(camel(e.getKey()), e.getValue());
        }
        out.putNull("client");
        out.putObject("buttonDTO").put("id", o.get("Id").asLong()).put("clientId", 12).put("organizationId", 0)
                .putNull("userId").put("itemId", Long.toString(o.get("Id").asLong()));
        return out;
    }

    private ObjectNode contractorJson(ObjectNode c) {
        if (c == null) {
            return null;
        }
        ObjectNode out = nodes.objectNode();
        for (Map.Entry<String, JsonNode> e : c.properties()) {
            out.set(camel(e.getKey()), e.getValue());
        }
        out.putNull("organization").putNull("diadocID");
        return out;
    }

    /** System.Text.Json's camel-case policy (.NET Core 3.x). */
    static String camel(String name) {
        char[] chars = name.toCharArray();
        for (int i = 0; i < chars.length; i++) {
            if (i == 1 && !Character.isUpperCase(chars[i])) {
                break;
            }
            boolean hasNext = i + 1 < chars.length;
            if (i > 0 && hasNext && !Character.isUpperCase(chars[i + 1])) {
                break;
            }
            chars[i] = Character.toLowerCase(chars[i]);
        }
        return new String(chars);
    }
}
