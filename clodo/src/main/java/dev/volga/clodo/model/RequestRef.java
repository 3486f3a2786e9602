package dev.volga.clodo.model;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The id of an asynchronous request (backup create, delete, restore); poll it with {@code requests().get(id)}.
 *
 * @param id the request id
 */
public record RequestRef(
        @JsonProperty("req") Long id) {
}
