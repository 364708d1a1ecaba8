package org.archivekit.share.social;

import java.util.List;
import java.util.Objects;

/**
 * A Weibo post ready to publish.
 *
 * @param text the whole post: title, summary, #话题# topics and the permalink
 * @param topics the topics used, without their # marks
 * @param length {@code text}'s length as Weibo counts it ({@link WeiboLength}), at most {@link WeiboLength#LIMIT}
 * @since 0.1
 */
public record WeiboPost(String text, List<String> topics, int length) {
    public WeiboPost {
        Objects.requireNonNull(text, "text");
        topics = List.copyOf(topics);
        if (length > WeiboLength.LIMIT) throw new IllegalArgumentException("post is " + length + " long");
    }
}
