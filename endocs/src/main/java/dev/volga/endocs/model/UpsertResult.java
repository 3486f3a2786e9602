package dev.volga.endocs.model;

import java.util.Objects;

/**
 * What an upsert did: {@link Created} (HTTP 201, with the entity the server created) or
 * {@link Updated} (HTTP 204, no body). Both carry the request id the call sent.
 *
 * @param <T> the entity type
 */
public sealed interface UpsertResult<T> permits UpsertResult.Created, UpsertResult.Updated {

    /** @return the {@code RequestID} the call sent */
    String requestId();

    /**
     * The server created the entity.
     *
     * @param entity the created entity (the server fills few of its fields)
     * @param requestId the request id the call sent
     * @param <T> the entity type
     */
    record Created<T>(T entity, String requestId) implements UpsertResult<T> {
        /**
         * Validates the fields.
         *
         * @param entity the created entity
         * @param requestId the request id the call sent
         */
        public Created {
            Objects.requireNonNull(entity, "entity");
            Objects.requireNonNull(requestId, "requestId");
        }
    }

    /**
     * The server updated an existing entity.
     *
     * @param requestId the request id the call sent
     * @param <T> the entity type
     */
    record Updated<T>(String requestId) implements UpsertResult<T> {
        /**
         * Validates the fields.
         *
         * @param requestId the request id the call sent
         */
        public Updated {
            Objects.requireNonNull(requestId, "requestId");
        }
    }
}
