package dev.volga.endocs;

import reactor.core.publisher.Mono;

import java.util.List;

/** Unprocessed scans: upload from 1C, decline. Get it with {@link EndocsClient#scans()}. */
public final class ScansApi {

    private final Context ctx;

    ScansApi(Context ctx) {
        this.ctx = ctx;
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
        String rid = Paths.requestId(scan.requestId());
        ScanUpload body = scan.withRequestId(rid);
        return Context.tagged(ctx.api.exchange(ctx.post("/Metadata/AddOrUpdateNonFormDoc", "scans.upload")
                .body(UploadBody.of(ctx.mapper, ctx.maxRequestBodySize, body, List.of(body.file())))
                .idempotent(false)
                .responseTimeout(ctx.fileResponseTimeout)
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
        String rid = Paths.requestId(decline.requestId());
        return Context.tagged(ctx.api.exchange(ctx.post("/Metadata/DocApproval", "scans.decline")
                .body(decline.withRequestId(rid))
                .build(Void.class)), rid);
    }
}
