/**
 * Self-media content from public records: WeChat official-account articles and Weibo posts
 * ({@link org.archivekit.share.social.SocialPosts}), with Weibo's way of counting length
 * ({@link org.archivekit.share.social.WeiboLength}).
 */
@NullMarked
package org.archivekit.share.social;

import org.jspecify.annotations.NullMarked;
