package dev.volga.clodo.model;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.volga.api.Secret;

/**
 * A Cloud Storage store (list fields; detail adds the cache settings).
 *
 * @param id the store id
 * @param title the title
 * @param login the storage login
 * @param cluster the cluster host:port
 * @param key the storage key
 * @param size bytes used
 * @param token the storage token
 * @param defaultStore whether it is the default
 * @param cacheXomcc X-Object-Meta-Cache-Control
 * @param cacheExpires the expires directive
 * @param cacheBypass the cache refresh header
 * @param cacheRefererfilter the referrer filter
 * @param cachePublicsearch whether lookups start in {@code public}
 * @param publicUrl the public URL
 * @param publicUrlChecked the public URL check state
 */
public record Storage(
        Long id,
        String title,
        String login,
        String cluster,
        Secret key,
        Long size,
        Secret token,
        @JsonProperty("is_default") Boolean defaultStore,
        String cacheXomcc,
        String cacheExpires,
        String cacheBypass,
        String cacheRefererfilter,
        Boolean cachePublicsearch,
        String publicUrl,
        String publicUrlChecked) {
}
