package org.archivekit.share.social;

import java.net.URI;
import java.util.Objects;
import org.archivekit.core.model.DigitalObjectRef;
import org.jspecify.annotations.Nullable;

/**
 * A WeChat official-account article (图文消息) ready for the draft API.
 *
 * @param title at most 64 characters
 * @param digest at most 120 characters
 * @param author the creator or the archive, at most 16 characters (WeChat's limit for the author field)
 * @param contentHtml the body in the tag subset WeChat keeps ({@code section p br strong em span h2 h3 blockquote
 *     ul ol li img}); all text escaped
 * @param cover the public image chosen as cover, or {@code null} when the record has none
 * @param contentSourceUrl the 原文链接: the record's permalink
 * @since 0.1
 */
public record WeChatArticle(String title, String digest, String author, String contentHtml,
        @Nullable DigitalObjectRef cover, URI contentSourceUrl) {
    /** WeChat's limits. */
    public static final int TITLE_MAX = 64;
    public static final int DIGEST_MAX = 120;
    public static final int AUTHOR_MAX = 16;

    public WeChatArticle {
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(digest, "digest");
        Objects.requireNonNull(author, "author");
        Objects.requireNonNull(contentHtml, "contentHtml");
        Objects.requireNonNull(contentSourceUrl, "contentSourceUrl");
        if (title.codePointCount(0, title.length()) > TITLE_MAX) throw new IllegalArgumentException("title too long");
        if (digest.codePointCount(0, digest.length()) > DIGEST_MAX) {
            throw new IllegalArgumentException("digest too long");
        }
        if (author.codePointCount(0, author.length()) > AUTHOR_MAX) {
            throw new IllegalArgumentException("author too long");
        }
    }
}
