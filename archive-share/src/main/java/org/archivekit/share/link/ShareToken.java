package org.archivekit.share.link;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.archivekit.core.model.DescriptionId;
import org.jspecify.annotations.Nullable;

/**
 * The signed content of a share-link token, and its text form:
 * {@code ak1.<base64url(payload)>.<base64url(HMAC-SHA256(key, "ak1." + base64url(payload)))>}.
 *
 * <p>The payload lists, one per line: the key id, the link's 128-bit secret, the record, the scope, the download
 * flag, the expiry (epoch seconds) and the use limit ({@code -} for none). Every field is under the MAC.
 */
record ShareToken(String keyId, byte[] secret, DescriptionId record, ShareScope scope, boolean downloads,
        Instant expiresAt, @Nullable Integer maxUses) {

    static final String PREFIX = "ak1.";
    static final int SECRET_BYTES = 16;
    static final int MAX_LENGTH = 1024;
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder B64D = Base64.getUrlDecoder();

    /** The text form, signed with the ring's current key. */
    String sign(ShareKeyRing ring) {
        String payload = PREFIX + B64.encodeToString(payload().getBytes(StandardCharsets.UTF_8));
        return payload + "." + B64.encodeToString(mac(ring.currentKey(), payload));
    }

    /** The non-secret name of the link: hex SHA-256 of its secret. */
    String handle() {
        return handleOf(secret);
    }

    static String handleOf(byte[] secret) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(secret));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    private String payload() {
        return String.join("\n", keyId, B64.encodeToString(secret), record.value(), scope.name(),
                downloads ? "1" : "0", Long.toString(expiresAt.getEpochSecond()),
                maxUses == null ? "-" : Integer.toString(maxUses));
    }

    /**
     * The token's content if {@code token} is well formed and its MAC verifies under the ring's key it names;
     * empty otherwise, whatever is wrong with it. Compares MACs in constant time.
     */
    static Optional<ShareToken> verify(String token, ShareKeyRing ring) {
        if (token.length() > MAX_LENGTH || !token.startsWith(PREFIX)) return Optional.empty();
        int dot = token.lastIndexOf('.');
        if (dot <= PREFIX.length()) return Optional.empty();
        String signed = token.substring(0, dot);
        try {
            byte[] payload = B64D.decode(signed.substring(PREFIX.length()));
            String macText = token.substring(dot + 1);
            byte[] givenMac = B64D.decode(macText);
            // one spelling per MAC: a last character differing only in its unused low bits decodes to the same
            // bytes, and such a variant must not pass as the issued token
            if (!B64.encodeToString(givenMac).equals(macText)) return Optional.empty();
            String[] f = new String(payload, StandardCharsets.UTF_8).split("\n", -1);
            if (f.length != 7) return Optional.empty();
            Optional<byte[]> key = ring.key(f[0]);
            if (key.isEmpty()) return Optional.empty();
            if (!MessageDigest.isEqual(mac(key.get(), signed), givenMac)) return Optional.empty();
            // authentic from here on: the fields were written by sign()
            byte[] secret = B64D.decode(f[1]);
            if (secret.length != SECRET_BYTES) return Optional.empty();
            return Optional.of(new ShareToken(f[0], secret, DescriptionId.of(f[2]), ShareScope.valueOf(f[3]),
                    f[4].equals("1"), Instant.ofEpochSecond(Long.parseLong(f[5])),
                    f[6].equals("-") ? null : Integer.valueOf(f[6])));
        } catch (IllegalArgumentException malformed) {
            return Optional.empty();
        }
    }

    private static byte[] mac(byte[] key, String signed) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(signed.getBytes(StandardCharsets.US_ASCII));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 is unavailable", e);
        }
    }
}
