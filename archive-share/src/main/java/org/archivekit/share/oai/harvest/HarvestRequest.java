package org.archivekit.share.oai.harvest;

import java.net.URI;
import java.util.Objects;
import java.util.regex.Pattern;
import org.archivekit.core.InvalidRequestException;
import org.archivekit.core.model.InstitutionCode;
import org.jspecify.annotations.Nullable;

/**
 * What to harvest: a partner's base URL into the institution {@code institution}, optionally one set, in one
 * metadata format, between dates.
 *
 * <p>Without {@code from}, an incremental harvest starts at the response date of the last complete harvest of the
 * same partner, set and format (kept in the store); {@code full} ignores that state and asks for everything.
 *
 * @param baseUrl the partner's OAI-PMH base URL (http or https, no query part needed)
 * @param institution the institution the partner's records go into (created when missing)
 * @param set a setSpec to harvest, or {@code null} for the whole repository
 * @param metadataPrefix the format to ask for; {@code oai_dc} is the one mapped into the model
 * @param from the lower datestamp bound ({@code YYYY-MM-DD} or {@code YYYY-MM-DDThh:mm:ssZ}), or {@code null}
 * @param until the upper datestamp bound, same forms, or {@code null}
 * @param full whether to ignore the remembered state and harvest everything (still bounded by from/until)
 * @since 0.1
 */
public record HarvestRequest(URI baseUrl, InstitutionCode institution, @Nullable String set, String metadataPrefix,
        @Nullable String from, @Nullable String until, boolean full) {

    /** The prefix asked for by default. */
    public static final String OAI_DC = "oai_dc";

    private static final Pattern UTC_DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}(T\\d{2}:\\d{2}:\\d{2}Z)?");
    private static final Pattern PREFIX = Pattern.compile("[A-Za-z0-9_.!~*'()-]+");

    /**
     * Checks the request.
     *
     * @throws InvalidRequestException when the URL is not absolute http(s), a date is not in an OAI-PMH form, or the
     *     prefix or set is blank
     */
    public HarvestRequest {
        Objects.requireNonNull(baseUrl, "baseUrl");
        Objects.requireNonNull(institution, "institution");
        Objects.requireNonNull(metadataPrefix, "metadataPrefix");
        String scheme = baseUrl.getScheme() == null ? "" : baseUrl.getScheme().toLowerCase(java.util.Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https") || baseUrl.getHost() == null) {
            throw new InvalidRequestException("baseUrl", "'" + baseUrl + "' is not an absolute http(s) URL");
        }
        if (!PREFIX.matcher(metadataPrefix).matches()) {
            throw new InvalidRequestException("metadataPrefix", "'" + metadataPrefix + "' is not a metadata prefix");
        }
        if (set != null && set.isBlank()) throw new InvalidRequestException("set", "the set is blank");
        checkDate("from", from);
        checkDate("until", until);
        if (from != null && until != null && from.length() == until.length() && from.compareTo(until) > 0) {
            throw new InvalidRequestException("from", "from " + from + " is after until " + until);
        }
    }

    private static void checkDate(String name, @Nullable String value) {
        if (value != null && !UTC_DATE.matcher(value).matches()) {
            throw new InvalidRequestException(name, "'" + value + "' must be YYYY-MM-DD or YYYY-MM-DDThh:mm:ssZ (UTC)");
        }
    }

    /** An incremental oai_dc harvest of the whole repository at {@code baseUrl} into {@code institution}. */
    public static HarvestRequest of(URI baseUrl, InstitutionCode institution) {
        return new HarvestRequest(baseUrl, institution, null, OAI_DC, null, null, false);
    }

    /** A copy limited to the set {@code set} ({@code null} for all). */
    public HarvestRequest withSet(@Nullable String set) {
        return new HarvestRequest(baseUrl, institution, set, metadataPrefix, from, until, full);
    }

    /** A copy asking for {@code prefix}. */
    public HarvestRequest withMetadataPrefix(String prefix) {
        return new HarvestRequest(baseUrl, institution, set, prefix, from, until, full);
    }

    /** A copy with a lower datestamp bound ({@code null} for the remembered one). */
    public HarvestRequest withFrom(@Nullable String from) {
        return new HarvestRequest(baseUrl, institution, set, metadataPrefix, from, until, full);
    }

    /** A copy with an upper datestamp bound ({@code null} for none). */
    public HarvestRequest withUntil(@Nullable String until) {
        return new HarvestRequest(baseUrl, institution, set, metadataPrefix, from, until, full);
    }

    /** A copy that ignores ({@code true}) or uses the remembered state. */
    public HarvestRequest withFull(boolean full) {
        return new HarvestRequest(baseUrl, institution, set, metadataPrefix, from, until, full);
    }
}
