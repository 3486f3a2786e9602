package dev.volga.redis.internal;

import dev.volga.api.Secret;
import dev.volga.transport.spi.AccessToken;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;

/**
 * How a token is kept in Redis: {@code <id>|<base64(iv, AES-256-GCM(expiry, base URL, token))>}.
 * The key comes from the credential (every instance holding it derives the same one, nobody else
 * can); the id (a digest of the token) lets an instance delete exactly the token it saw rejected.
 * Neither Redis, its slow log nor a captured command shows the token in clear.
 */
final class TokenSeal {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int IV_BYTES = 12;

    private final SecretKeySpec key;
    private final byte[] context;

    TokenSeal(Secret sealingKey, String tokenKey) {
        this.key = new SecretKeySpec(HexFormat.of().parseHex(sealingKey.reveal()), "AES");
        this.context = tokenKey.getBytes(StandardCharsets.UTF_8);
    }

    /**
     * @param token a token
     * @return the id under which it is stored: 128 bits of SHA-256, hex
     */
    static String id(AccessToken token) {
        return Keys.digest("volga token id\0" + token.value().reveal(), 16);
    }

    String seal(AccessToken token) {
        String plain = (token.expiresAt() == null ? "-" : Long.toString(token.expiresAt().toEpochMilli())) + "\n"
                + (token.baseUrl() == null ? "-" : token.baseUrl()) + "\n" + token.value().reveal();
        byte[] iv = new byte[IV_BYTES];
        RANDOM.nextBytes(iv);
        try {
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(128, iv));
            c.updateAAD(context);
            byte[] sealed = c.doFinal(plain.getBytes(StandardCharsets.UTF_8));
            byte[] all = new byte[iv.length + sealed.length];
            System.arraycopy(iv, 0, all, 0, iv.length);
            System.arraycopy(sealed, 0, all, iv.length, sealed.length);
            return id(token) + "|" + Base64.getEncoder().encodeToString(all);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot seal a token: " + e.getClass().getSimpleName(), e);
        }
    }

    /**
     * @param stored a stored value
     * @return the token, or empty if the value is not one this credential sealed
     */
    Optional<AccessToken> open(String stored) {
        int bar = stored.indexOf('|');
        if (bar < 0) {
            return Optional.empty();
        }
        try {
            byte[] all = Base64.getDecoder().decode(stored.substring(bar + 1));
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(128, all, 0, IV_BYTES));
            c.updateAAD(context);
            String plain = new String(c.doFinal(all, IV_BYTES, all.length - IV_BYTES), StandardCharsets.UTF_8);
            String[] parts = plain.split("\n", 3);
            Instant expiry = parts[0].equals("-") ? null : Instant.ofEpochMilli(Long.parseLong(parts[0]));
            String baseUrl = parts[1].equals("-") ? null : parts[1];
            return Optional.of(new AccessToken(Secret.of("token", parts[2]), expiry, baseUrl));
        } catch (GeneralSecurityException | RuntimeException e) {
            return Optional.empty();
        }
    }
}
