package dev.volga.endocs;

import dev.volga.endocs.internal.Calls;
import dev.volga.endocs.internal.Checks;
import dev.volga.endocs.internal.UploadBody;
import dev.volga.endocs.model.Scan;
import dev.volga.endocs.model.ScanDecline;
import dev.volga.endocs.model.ScanUpload;
import reactor.core.publisher.Mono;

import java.util.List;

/** Unprocessed scans: upload from 1C, decline. Get it with {@link EndocsClient#scans()}. */
public final class Scans {

    private final Calls calls;

    Scans(Calls calls) {
        this.calls = calls;
    }

    /**
     * {@code POST /Metadata/AddOrUpdateNonFormDoc}: uploads a new scan. It always creates, so it is
     * never sent again once it may have reached the server (only a 429 or a connection that failed
     * before sending is retried). The file is streamed, base64-encoded, inside the body.
     *
     * @param scan the body with its file
     * @return the created scan; every error carries the request id
     * @throws IllegalArgumentException naming the field, if the file is missing or a field invalid
     */
    public Mono<Scan> upload(ScanUpload scan) {
        Checks.scan(scan);
        String rid = Checks.requestId(scan.requestId());
        ScanUpload body = scan.withRequestId(rid);
        return Calls.tagged(calls.api().exchange(calls.post("/Metadata/AddOrUpdateNonFormDoc", "scans.upload")
                .body(UploadBody.of(calls.mapper(), calls.maxRequestBodySize(), body, List.of(body.file())))
                .idempotent(false)
                .responseTimeout(calls.fileResponseTimeout())
                .build(Scan.class)), rid);
    }

    /**
     * {@code POST /Metadata/DocApproval}: declines a scan (the server only declines): it is deleted
     * and its sender e-mailed with the comment.
     *
     * @param decline the scan id, who declines and why
     * @return completes when declined; every error carries the request id
     * @throws IllegalArgumentException if the scan id is not positive
     */
    public Mono<Void> decline(ScanDecline decline) {
        Checks.decline(decline);
        String rid = Checks.requestId(decline.requestId());
        return Calls.tagged(calls.api().exchange(calls.post("/Metadata/DocApproval", "scans.decline")
                .body(decline.withRequestId(rid))
                .build(Void.class)), rid);
    }
}
