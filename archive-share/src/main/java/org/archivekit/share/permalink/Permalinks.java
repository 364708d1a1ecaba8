package org.archivekit.share.permalink;

import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.archivekit.core.model.Description;
import org.archivekit.core.model.DescriptionId;

/**
 * Stable, human-readable permalinks from a configured URL pattern, and back; immutable and thread-safe.
 *
 * <p>The pattern is an absolute http(s) URL with placeholders: {@code {id}} (required, once: it makes the link
 * reversible), {@code {institution}}, and {@code {ref}} (the 档号, percent-encoded, for people to read; it is not
 * used to resolve, so a corrected reference code does not break old links). For example
 * {@code https://archives.example.edu/{institution}/records/{id}} or
 * {@code https://archives.example.edu/r/{id}/{ref}}.
 *
 * <p>A permalink says nothing about access: resolving one gives an id, and the caller's read of that id goes
 * through the access policy as any other.
 *
 * @since 0.1
 */
public final class Permalinks {
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{(id|institution|ref)}");

    private final String pattern;
    private final Pattern reverse;
    private final int idGroup;

    private Permalinks(String pattern) {
        this.pattern = pattern;
        StringBuilder regex = new StringBuilder("^");
        Matcher m = PLACEHOLDER.matcher(pattern);
        int last = 0;
        int group = 0;
        int id = -1;
        while (m.find()) {
            regex.append(Pattern.quote(pattern.substring(last, m.start())));
            group++;
            switch (m.group(1)) {
                case "id" -> {
                    if (id > 0) throw new IllegalArgumentException("permalink pattern has {id} twice: " + pattern);
                    id = group;
                    regex.append("([A-Za-z0-9][A-Za-z0-9._:-]{0,127})");
                }
                case "institution" -> regex.append("([A-Za-z0-9][A-Za-z0-9._-]{0,63})");
                default -> regex.append("([^/?#]+)");
            }
            last = m.end();
        }
        regex.append(Pattern.quote(pattern.substring(last))).append("$");
        if (id < 0) throw new IllegalArgumentException("permalink pattern needs {id}: " + pattern);
        this.reverse = Pattern.compile(regex.toString());
        this.idGroup = id;
    }

    /**
     * Permalinks following {@code pattern}.
     *
     * @throws IllegalArgumentException when the pattern is not an absolute http(s) URL or lacks {@code {id}}
     */
    public static Permalinks of(String pattern) {
        Objects.requireNonNull(pattern, "pattern");
        String probe = PLACEHOLDER.matcher(pattern).replaceAll("x");
        URI uri;
        try {
            uri = URI.create(probe);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("permalink pattern is not a URL: " + pattern, e);
        }
        if (!("https".equals(uri.getScheme()) || "http".equals(uri.getScheme())) || uri.getHost() == null) {
            throw new IllegalArgumentException("permalink pattern must be an absolute http(s) URL: " + pattern);
        }
        return new Permalinks(pattern);
    }

    /** The site the permalinks live on: the pattern's scheme and host, such as {@code https://archives.example.edu/}. */
    public String base() {
        java.net.URI probe = java.net.URI.create(PLACEHOLDER.matcher(pattern).replaceAll("x"));
        return probe.getScheme() + "://" + probe.getRawAuthority() + "/";
    }

    /** The permalink of {@code record}. */
    public URI permalink(Description record) {
        Matcher m = PLACEHOLDER.matcher(pattern);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String value = switch (m.group(1)) {
                case "id" -> record.id().value();
                case "institution" -> record.institution().value();
                default -> record.referenceCode() == null ? record.id().value()
                        : URLEncoder.encode(record.referenceCode().value(), StandardCharsets.UTF_8)
                                .replace("+", "%20");
            };
            m.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        m.appendTail(out);
        return URI.create(out.toString());
    }

    /** The id a permalink of this pattern points at, or empty when {@code url} is not one. */
    public Optional<DescriptionId> resolve(String url) {
        Objects.requireNonNull(url, "url");
        if (url.length() > 4096) return Optional.empty();
        Matcher m = reverse.matcher(url);
        if (!m.matches()) return Optional.empty();
        String id = URLDecoder.decode(m.group(idGroup), StandardCharsets.UTF_8);
        return DescriptionId.isValid(id) ? Optional.of(DescriptionId.of(id)) : Optional.empty();
    }
}
