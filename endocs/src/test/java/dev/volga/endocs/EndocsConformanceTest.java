package dev.volga.endocs;

import dev.volga.api.RetrySettings;
import dev.volga.endocs.model.Contract;
import dev.volga.endocs.model.ContractRef;
import dev.volga.endocs.model.ContractUpsert;
import dev.volga.endocs.model.ContractorRef;
import dev.volga.endocs.model.Document;
import dev.volga.endocs.model.DocumentSource;
import dev.volga.endocs.model.DocumentTypes;
import dev.volga.endocs.model.DocumentUpsert;
import dev.volga.endocs.model.FileUpload;
import dev.volga.endocs.model.OrganizationRef;
import dev.volga.endocs.model.ScanDecline;
import dev.volga.endocs.model.ScanUpload;
import dev.volga.endocs.model.UpsertResult;
import dev.volga.testkit.conformance.BadArgument;
import dev.volga.testkit.conformance.ClientConformanceTest;
import dev.volga.testkit.endocs.EndocsStub;
import dev.volga.transport.Transport;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.resources.ConnectionProvider;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import static dev.volga.testkit.conformance.BadArgument.iae;
import static dev.volga.testkit.conformance.BadArgument.npe;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The testkit's conformance suite against the EnDocs client: every fault, hostile answers and bad
 * arguments (issue #8: every public method that takes arguments, called with a null, blank or
 * out-of-range value, fails naming the parameter and sends nothing). The read is
 * {@code GetClientInfo}, the write an upsert that creates a contract (it names no entity, so it is
 * never sent twice once it may have arrived).
 */
class EndocsConformanceTest extends ClientConformanceTest<EndocsClient, Transport> {

    private static final String INFO = "/api/Output/GetClientInfo";
    private static final String UPSERT = "/api/Contract/AddOrUpdateContract";
    private static final FileUpload PDF = FileUpload.of("a.pdf", new byte[] {1, 2, 3});

    private EndocsStub stub;

    @Override
    protected AutoCloseable startStub() {
        stub = EndocsStub.start().noQuota();
        return stub;
    }

    @Override
    protected String secret() {
        return stub.token();
    }

    @Override
    protected Transport transport(ConnectionProvider pool, Duration responseTimeout) {
        return Transport.builder().connectionProvider(pool).responseTimeout(responseTimeout).build();
    }

    @Override
    protected EndocsClient client(Transport transport, RetrySettings retry) {
        return Fixtures.client(stub).transport(transport).retry(retry).build();
    }

    @Override
    protected Mono<?> read(EndocsClient client) {
        return client.account().info().doOnNext(info -> assertThat(info.blocked()).isFalse());
    }

    @Override
    protected String readPattern() {
        return INFO;
    }

    @Override
    protected Mono<?> write(EndocsClient client) {
        return client.contracts().upsert(contract().build())
                .doOnNext(r -> assertThat(r).isInstanceOf(UpsertResult.Created.class));
    }

    @Override
    protected String writePattern() {
        return UPSERT;
    }

    @Override
    protected String writeBodyMarker() {
        return "Договор";
    }

    @Override
    protected int entityCount() {
        return stub.entityCount();
    }

    @Override
    protected String readAnswer(String text) {
        return "{\"Name\":\"" + text + "\"}";
    }

    @Override
    protected Optional<String> unauthorizedErrorCode() {
        return Optional.of("#err-40");
    }

    @Override
    protected List<CredentialSetter> credentialSetters() {
        return List.of(
                new CredentialSetter("builder.token(String)", "token", token -> EndocsClient.builder().token(token)),
                new CredentialSetter("builder.token(Secret)", "token",
                        token -> EndocsClient.builder().token(dev.volga.api.Secret.of("token", token))));
    }

    private static ContractUpsert.Builder contract() {
        return ContractUpsert.builder().name("Договор").organization(Fixtures.org()).contractor(Fixtures.contractor());
    }

    private static DocumentUpsert.Builder document() {
        return DocumentUpsert.builder().docTypeId(DocumentTypes.SALE).source(DocumentSource.OUTGOING)
                .organization(Fixtures.org());
    }

    @Override
    protected List<BadArgument> badArguments() {
        Feed<Document> feed = client().feeds().newInvoices();
        return List.of(
                // contracts
                npe("contracts.upsert null", "contract", () -> client().contracts().upsert(null)),
                iae("contracts.upsert no name", "contract.name", () -> client().contracts().upsert(contract().name(" ").build())),
                iae("contracts.upsert name too long", "contract.name",
                        () -> client().contracts().upsert(contract().name("x".repeat(256)).build())),
                iae("contracts.upsert type too long", "contract.type",
                        () -> client().contracts().upsert(contract().type("x".repeat(101)).build())),
                iae("contracts.upsert extId too long", "contract.extId",
                        () -> client().contracts().upsert(contract().extId("x".repeat(151)).build())),
                iae("contracts.upsert zero contractId", "contract.contractId",
                        () -> client().contracts().upsert(contract().contractId(0L).build())),
                iae("contracts.upsert negative nonFormId", "contract.nonFormId",
                        () -> client().contracts().upsert(contract().nonFormId(-1L).build())),
                iae("contracts.upsert no organization", "contract.organization",
                        () -> client().contracts().upsert(contract().organization(null).build())),
                iae("contracts.upsert blank organization extId", "contract.organization.extId",
                        () -> client().contracts().upsert(contract().organization(OrganizationRef.of(" ")).build())),
                iae("contracts.upsert no contractor", "contract.contractor",
                        () -> client().contracts().upsert(contract().contractor(null).build())),
                iae("contracts.upsert blank contractor extId", "contract.contractor.extId",
                        () -> client().contracts().upsert(contract().contractor(ContractorRef.of("")).build())),
                iae("contracts.upsert blank requestId", "requestId",
                        () -> client().contracts().upsert(contract().requestId(" ").build())),
                iae("contracts.upsert requestId too long", "requestId",
                        () -> client().contracts().upsert(contract().requestId("r".repeat(201)).build())),
                npe("ContractUpsert.Builder.file null", "file", () -> contract().file(null)),
                // documents
                npe("documents.upsert null", "document", () -> client().documents().upsert(null)),
                iae("documents.upsert no organization", "document.organization",
                        () -> client().documents().upsert(document().organization(null).build())),
                iae("documents.upsert docNumber too long", "document.docNumber",
                        () -> client().documents().upsert(document().docNumber("1".repeat(81)).build())),
                iae("documents.upsert zero metaId", "document.metaId",
                        () -> client().documents().upsert(document().metaId(0L).build())),
                iae("documents.upsert negative nonFormId", "document.nonFormId",
                        () -> client().documents().upsert(document().nonFormId(-3L).build())),
                iae("documents.upsert empty contract ref", "document.contract",
                        () -> client().documents().upsert(document().contract(new ContractRef(" ", null, null)).build())),
                iae("documents.upsert no docTypeId", "document.docTypeId",
                        () -> client().documents().upsert(document().docTypeId(null).build())),
                iae("documents.upsert docTypeId 0", "document.docTypeId",
                        () -> client().documents().upsert(document().docTypeId(0).build())),
                iae("documents.upsert no source", "document.source",
                        () -> client().documents().upsert(document().source(null).build())),
                iae("documents.upsert internal source", "document.source",
                        () -> client().documents().upsert(document().source(DocumentSource.INTERNAL).build())),
                iae("documents.upsert blank requestId", "requestId",
                        () -> client().documents().upsert(document().requestId("").build())),
                npe("documents.upsertInternal null", "document", () -> client().documents().upsertInternal(null)),
                iae("documents.upsertInternal blank organization extId", "document.organization.extId",
                        () -> client().documents().upsertInternal(document().organization(OrganizationRef.of("")).build())),
                iae("documents.upsertInternal organization name too long", "document.organization.name",
                        () -> client().documents().upsertInternal(document()
                                .organization(new OrganizationRef("o", "n".repeat(101), null, null)).build())),
                npe("DocumentUpsert.Builder.file null", "file", () -> document().file(null)),
                npe("DocumentSource.of null", "source", () -> DocumentSource.of(null)),
                iae("DocumentSource.of blank", "source", () -> DocumentSource.of(" ")),
                // scans
                npe("scans.upload null", "scan", () -> client().scans().upload(null)),
                iae("scans.upload no file", "scan.file",
                        () -> client().scans().upload(new ScanUpload(null, null, null, null, null, null, null, null, null))),
                iae("scans.upload zero organizationId", "scan.organizationId",
                        () -> client().scans().upload(new ScanUpload(null, null, 0L, null, null, null, null, null, PDF))),
                iae("scans.upload negative contractorId", "scan.contractorId",
                        () -> client().scans().upload(new ScanUpload(null, null, null, null, null, null, null, -1L, PDF))),
                iae("scans.upload blank requestId", "requestId",
                        () -> client().scans().upload(ScanUpload.of(PDF).withRequestId(" "))),
                npe("ScanUpload.of null file", "file", () -> ScanUpload.of(null)),
                npe("scans.decline null", "decline", () -> client().scans().decline(null)),
                iae("scans.decline zero nonFormId", "decline.nonFormId", () -> client().scans().decline(ScanDecline.of(0, "a", "b"))),
                iae("scans.decline negative nonFormId", "decline.nonFormId",
                        () -> client().scans().decline(ScanDecline.of(-7, "a", "b"))),
                // file uploads
                npe("FileUpload.of(bytes) null fileName", "fileName", () -> FileUpload.of(null, new byte[1])),
                iae("FileUpload.of(bytes) blank fileName", "fileName", () -> FileUpload.of(" ", new byte[1])),
                npe("FileUpload.of(bytes) null content", "content", () -> FileUpload.of("a.pdf", (byte[]) null)),
                npe("FileUpload.of(path) null path", "path", () -> FileUpload.of("a.pdf", (Path) null)),
                iae("FileUpload.of(path) not a file", "path", () -> FileUpload.of("a.pdf", Path.of("/no/such/file.pdf"))),
                npe("FileUpload.of(publisher) null content", "content",
                        () -> FileUpload.of("a.pdf", (Publisher<ByteBuffer>) null, 1)),
                iae("FileUpload.of(publisher) negative size", "size",
                        () -> FileUpload.of("a.pdf", Flux.<ByteBuffer>empty(), -1)),
                iae("FileUpload.of(publisher) too large", "size",
                        () -> FileUpload.of("a.pdf", Flux.<ByteBuffer>empty(), FileUpload.MAX_SIZE + 1)),
                // files
                npe("files.get null", "selector", () -> client().files().get(null)),
                iae("files.byDocumentId zero", "documentId", () -> client().files().byDocumentId(0)),
                iae("files.byContractId negative", "contractId", () -> client().files().byContractId(-1)),
                npe("files.byExtId null", "id", () -> client().files().byExtId(null)),
                iae("files.byExtId blank", "id", () -> client().files().byExtId(" ")),
                npe("files.byId null kind", "kind", () -> client().files().byId("1", null)),
                iae("files.byId blank id", "id", () -> client().files().byId(" ", FileKind.EXT_ID)),
                iae("files.byId non-integer id", "id", () -> client().files().byId("abc", FileKind.NON_FORM_ID)),
                npe("files.saveTo null selector", "selector", () -> client().files().saveTo(null, Path.of("."))),
                npe("files.saveTo null directory", "directory",
                        () -> client().files().saveTo(FileSelector.byDocumentId(1), null)),
                iae("files.saveTo not a directory", "directory",
                        () -> client().files().saveTo(FileSelector.byDocumentId(1), Path.of("/no/such/dir"))),
                iae("FileSelector.byScanId zero", "scanId", () -> FileSelector.byScanId(0)),
                // feeds (every feed shares one implementation; each is checked once)
                iae("feeds.unprocessedScans pull negative", "sinceId", () -> client().feeds().unprocessedScans().pull(-1)),
                iae("feeds.newContracts items negative", "sinceId", () -> client().feeds().newContracts().items(-1)),
                iae("feeds.newInvoices pull blank requestId", "requestId", () -> feed.pull(0, " ")),
                iae("feeds.newInputs pull long requestId", "requestId",
                        () -> client().feeds().newInputs().pull(0, "r".repeat(201))),
                iae("feeds watch negative fromId", "fromId", () -> feed.watch(-1, Duration.ofSeconds(1))),
                npe("feeds watch null interval", "interval", () -> feed.watch(0, null)),
                iae("feeds watch zero interval", "interval", () -> feed.watch(0, Duration.ZERO)),
                // client builder
                npe("builder.baseUrl null", "baseUrl", () -> EndocsClient.builder().baseUrl(null)),
                iae("builder.basePath relative", "basePath", () -> EndocsClient.builder().basePath("api")),
                npe("builder.token null", "token", () -> EndocsClient.builder().token((dev.volga.api.Secret) null)),
                iae("builder.fileResponseTimeout negative", "fileResponseTimeout",
                        () -> EndocsClient.builder().fileResponseTimeout(Duration.ofSeconds(-1))),
                iae("builder.maxFileResponseSize zero", "maxFileResponseSize", () -> EndocsClient.builder().maxFileResponseSize(0)),
                iae("builder.maxRequestBodySize negative", "maxRequestBodySize",
                        () -> EndocsClient.builder().maxRequestBodySize(-1)),
                npe("builder.mapper null", "mapper", () -> EndocsClient.builder().mapper(null)));
    }
}
