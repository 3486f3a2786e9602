package dev.volga.clodo.model;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonAlias;
import java.time.LocalDateTime;

/**
 * The status of an asynchronous request.
 *
 * @param vpsNum the server, if any
 * @param complete whether it is done
 * @param completeDate when it was done
 * @param inWork when work started (also read from {@code req_requests_inwork})
 */
public record RequestStatus(
        String vpsNum,
        @JsonProperty("req_complete") Boolean complete,
        @JsonProperty("req_complete_date") LocalDateTime completeDate,
        @JsonProperty("req_inwork") @JsonAlias({"req_requests_inwork"}) LocalDateTime inWork) {
}
