package dev.volga.clodo.model;

import dev.volga.api.Secret;

/**
 * The answer to a store creation.
 *
 * @param id the store id
 * @param login the storage login
 * @param cluster the cluster
 * @param key the API key
 * @param storagekey the storage key
 */
public record StorageCreated(
        Long id,
        String login,
        String cluster,
        Secret key,
        Secret storagekey) {
}
