package org.archivekit.share.oai;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.jspecify.annotations.Nullable;

/**
 * Resumption tokens: the keyset cursor (datestamp, id) with the original arguments and an expiry, signed with
 * HMAC-SHA256 over the audience too, so a token works only for the audience it was issued to, unaltered and
 * until it expires. Stateless: nothing is stored per harvest.
 */
final class ResumptionTokens {
    private static final char SEP = '\u001f';
    private static final Base64.Encoder ENC = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DEC = Base64.getUrlDecoder();

    /** Where a list resumes: verb, arguments as ledger keys, the last (datestamp, id) sent, and the expiry. */
    record Cursor(String verb, String prefix, @Nullable String set, @Nullable String from,
            @Nullable String untilExclusive, String afterStamp, String afterId, Instant expires) {}

    private final byte[] secret;
    private final Duration ttl;

    ResumptionTokens(byte[] secret, Duration ttl) {
        this.secret = secret.clone();
        this.ttl = ttl;
    }

    Duration ttl() {
        return ttl;
    }

    String issue(String audience, Cursor c) {
        String payload = String.join(String.valueOf(SEP), "1", c.verb(), c.prefix(), nz(c.set()), nz(c.from()),
                nz(c.untilExclusive()), c.afterStamp(), c.afterId(), Long.toString(c.expires().getEpochSecond()));
        byte[] p = payload.getBytes(StandardCharsets.UTF_8);
        return ENC.encodeToString(p) + "." + ENC.encodeToString(mac(audience, p));
    }

    /** The cursor of {@code token}, or a badResumptionToken error when it is malformed, forged or expired. */
    Cursor verify(String audience, String token, Instant now) throws OaiError {
        int dot = token.indexOf('.');
        if (dot < 1 || dot != token.lastIndexOf('.')) throw bad();
        byte[] p;
        byte[] sig;
        try {
            p = DEC.decode(token.substring(0, dot));
            sig = DEC.decode(token.substring(dot + 1));
        } catch (IllegalArgumentException e) {
            throw bad();
        }
        if (!MessageDigest.isEqual(sig, mac(audience, p))) throw bad();
        String[] f = new String(p, StandardCharsets.UTF_8).split(String.valueOf(SEP), -1);
        if (f.length != 9 || !f[0].equals("1")) throw bad();
        Instant expires;
        try {
            expires = Instant.ofEpochSecond(Long.parseLong(f[8]));
        } catch (NumberFormatException e) {
            throw bad();
        }
        if (!now.isBefore(expires)) {
            throw OaiError.of("badResumptionToken", "The resumption token has expired; start the list again.");
        }
        return new Cursor(f[1], f[2], nn(f[3]), nn(f[4]), nn(f[5]), f[6], f[7], expires);
    }

    private static OaiError bad() {
        return OaiError.of("badResumptionToken", "The resumption token is not valid.");
    }

    private byte[] mac(String audience, byte[] payload) {
        try {
            Mac m = Mac.getInstance("HmacSHA256");
            m.init(new SecretKeySpec(secret, "HmacSHA256"));
            m.update(audience.getBytes(StandardCharsets.UTF_8));
            m.update((byte) 0);
            return m.doFinal(payload);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is unavailable", e);
        }
    }

    private static String nz(@Nullable String s) {
        return s == null ? "" : s;
    }

    private static @Nullable String nn(String s) {
        return s.isEmpty() ? null : s;
    }
}
