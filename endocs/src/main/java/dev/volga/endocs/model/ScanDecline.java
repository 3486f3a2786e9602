package dev.volga.endocs.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The body of a scan decline ({@code POST /Metadata/DocApproval}); the server implements declining
 * only, so {@code Approved} is always sent as false. The scan is deleted and its sender e-mailed.
 *
 * @param requestId the correlation id (at most 200 characters); a UUID is generated when null
 * @param nonFormId the scan id, positive
 * @param approver who declines, or null
 * @param comment why (sent to the sender), or null
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ScanDecline(
        @JsonProperty("RequestID") String requestId,
        @JsonProperty("NonFormID") long nonFormId,
        @JsonProperty("Approver") String approver,
        @JsonProperty("Comment") String comment) {

    /** @return always false: the server only declines */
    @JsonProperty("Approved")
    public boolean approved() {
        return false;
    }

    /**
     * @param nonFormId the scan id
     * @param approver who declines
     * @param comment why
     * @return the body
     */
    public static ScanDecline of(long nonFormId, String approver, String comment) {
        return new ScanDecline(null, nonFormId, approver, comment);
    }

    /**
     * @param value the request id
     * @return a copy with that request id
     */
    public ScanDecline withRequestId(String value) {
        return new ScanDecline(value, nonFormId, approver, comment);
    }
}
