package dev.volga.endocs;

import dev.volga.endocs.model.ContractRef;
import dev.volga.endocs.model.ContractUpsert;
import dev.volga.endocs.model.Contractor;
import dev.volga.endocs.model.ContractorRef;
import dev.volga.endocs.model.DocumentSource;
import dev.volga.endocs.model.DocumentUpsert;
import dev.volga.endocs.model.FileUpload;
import dev.volga.endocs.model.Organization;
import dev.volga.endocs.model.OrganizationRef;
import dev.volga.endocs.model.ScanDecline;
import dev.volga.endocs.model.ScanUpload;
import dev.volga.testkit.NoLeaks;
import dev.volga.testkit.endocs.EndocsStub;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Every required field is checked before any I/O, and the message names it. */
@ExtendWith(NoLeaks.class)
class ValidationTest {

    @Test
    void requiredFieldsAreNamedAndNothingIsSent() {
        try (EndocsStub stub = EndocsStub.start().noQuota(); EndocsClient client = Fixtures.client(stub).build()) {
            ContractUpsert.Builder okContract = ContractUpsert.builder().name("n").organization(Fixtures.org())
                    .contractor(Fixtures.contractor());
            assertThatThrownBy(() -> client.contracts().upsert(ContractUpsert.builder().organization(Fixtures.org())
                    .contractor(Fixtures.contractor()).build())).hasMessageContaining("contract.name (Name) is required");
            assertThatThrownBy(() -> client.contracts().upsert(okContract.organization(OrganizationRef.of(" ")).build()))
                    .hasMessageContaining("Organization.Ext_ID");
            assertThatThrownBy(() -> client.contracts().upsert(ContractUpsert.builder().name("n").organization(Fixtures.org())
                    .contractor(new ContractorRef(null, "name", null, null)).build())).hasMessageContaining("Contractor.Ext_ID");
            assertThatThrownBy(() -> client.contracts().upsert(ContractUpsert.builder().name("x".repeat(256))
                    .organization(Fixtures.org()).contractor(Fixtures.contractor()).build())).hasMessageContaining("255");
            assertThatThrownBy(() -> client.contracts().upsert(ContractUpsert.builder().name("n").requestId("r".repeat(201))
                    .organization(Fixtures.org()).contractor(Fixtures.contractor()).build()))
                    .hasMessageContaining("requestId").hasMessageContaining("200");

            DocumentUpsert.Builder doc = DocumentUpsert.builder().organization(Fixtures.org());
            assertThatThrownBy(() -> client.documents().upsert(doc.build())).hasMessageContaining("DocTypeId");
            assertThatThrownBy(() -> client.documents().upsert(doc.docTypeId(1).build())).hasMessageContaining("Source");
            assertThatThrownBy(() -> client.documents().upsert(doc.docTypeId(1).source(DocumentSource.INTERNAL).build()))
                    .hasMessageContaining("upsertInternal");
            assertThatThrownBy(() -> client.documents().upsert(DocumentUpsert.builder().docTypeId(1)
                    .source(DocumentSource.INCOMING).build())).hasMessageContaining("document.organization (Organization)");
            assertThatThrownBy(() -> client.documents().upsertInternal(DocumentUpsert.builder().docNumber("x".repeat(81))
                    .organization(Fixtures.org()).build())).hasMessageContaining("DocNumber");
            assertThatThrownBy(() -> client.documents().upsert(doc.docTypeId(1).source(DocumentSource.INCOMING)
                    .contract(new ContractRef(null, null, null)).build())).hasMessageContaining("document.contract");

            assertThatThrownBy(() -> client.scans().upload(new ScanUpload(null, null, null, null, null, null, null, null, null)))
                    .hasMessageContaining("scan.file");
            assertThatThrownBy(() -> client.scans().decline(ScanDecline.of(0, "a", "b"))).hasMessageContaining("nonFormId");
            assertThatThrownBy(() -> FileUpload.of(" ", new byte[1])).hasMessageContaining("fileName");
            assertThatThrownBy(() -> FileSelector.byId("abc", FileKind.META_ID)).hasMessageContaining("integer");
            assertThatThrownBy(() -> FileSelector.byDocumentId(0)).hasMessageContaining("documentId");
            assertThatThrownBy(() -> client.files().saveTo(FileSelector.byDocumentId(1), java.nio.file.Path.of("/no/such/dir")))
                    .hasMessageContaining("directory");

            assertThatThrownBy(() -> EndocsClient.builder().basePath("api")).hasMessageContaining("basePath");
            assertThatThrownBy(() -> EndocsClient.builder().baseUrl("ftp://x")).hasMessageContaining("baseUrl");
            assertThatThrownBy(() -> EndocsClient.builder().fileResponseTimeout(Duration.ZERO)).hasMessageContaining("fileResponseTimeout");
            assertThatThrownBy(() -> EndocsClient.builder().maxFileResponseSize(0)).hasMessageContaining("maxFileResponseSize");
            assertThatThrownBy(() -> DocumentSource.of(" ")).hasMessageContaining("source");

            assertThat(stub.server().requestCount()).as("nothing was sent").isZero();
        }
    }

    @Test
    void requestIdsAreGeneratedPerCallUnlessGiven() {
        try (EndocsStub stub = EndocsStub.start().noQuota(); EndocsClient client = Fixtures.client(stub).build()) {
            ContractUpsert body = ContractUpsert.builder().name("n").organization(Fixtures.org()).contractor(Fixtures.contractor()).build();
            String first = client.contracts().upsert(body).block(Duration.ofSeconds(10)).requestId();
            String second = client.contracts().upsert(body).block(Duration.ofSeconds(10)).requestId();
            String given = client.contracts().upsert(body.withRequestId("mine-1")).block(Duration.ofSeconds(10)).requestId();
            assertThat(first).isNotEqualTo(second).matches("[0-9a-f-]{36}");
            assertThat(given).isEqualTo("mine-1");
            assertThat(stub.server().journal().get(2).bodyText()).contains("\"RequestID\":\"mine-1\"");
            client.feeds().newInputs().pull(0, "my-feed-call").block(Duration.ofSeconds(10));
            assertThat(stub.server().journal().get(3).path()).isEqualTo("/api/Output/GetNewInputs/0/my-feed-call");
        }
    }
}
