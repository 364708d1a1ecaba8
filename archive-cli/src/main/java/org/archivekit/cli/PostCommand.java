package org.archivekit.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.concurrent.Callable;
import org.archivekit.core.Archive;
import org.archivekit.core.model.DescriptionId;
import org.archivekit.share.social.SocialPosts;
import org.archivekit.share.social.WeChatArticle;
import org.archivekit.share.social.WeiboPost;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code archivekit post wechat|weibo ID}: self-media content for a record. It is made from what the anonymous
 * public may see, whoever asks: a record that is not public exits 3.
 */
@Command(name = "post", description = "Write a WeChat article (JSON for the draft API) or a Weibo post for a public"
        + " record.")
final class PostCommand implements Callable<Integer> {
    enum Channel { WECHAT, WEIBO }

    @ParentCommand
    private Main main;

    @Mixin
    private ReadOptions read = new ReadOptions();

    @Parameters(index = "0", paramLabel = "CHANNEL", description = "wechat or weibo.")
    private Channel channel;

    @Parameters(index = "1", paramLabel = "ID", converter = Converters.Id.class, description = "The record.")
    private DescriptionId id;

    @Override
    public Integer call() throws Exception {
        CliContext ctx = main.context();
        try (Archive archive = ctx.openExisting()) {
            read.principal(archive); // a role that does not exist is still bad input
            SocialPosts posts = SocialPosts.of(archive, new SharingSettings(ctx.home()).permalinks());
            if (channel == Channel.WEIBO) {
                WeiboPost p = posts.weibo(id);
                ctx.out().println(p.text());
                ctx.err().println("weibo length " + p.length() + " of 2000");
            } else {
                WeChatArticle a = posts.wechat(id);
                ObjectMapper mapper = new ObjectMapper();
                ObjectNode n = mapper.createObjectNode();
                n.put("title", a.title());
                n.put("author", a.author());
                n.put("digest", a.digest());
                n.put("content", a.contentHtml());
                n.put("content_source_url", a.contentSourceUrl().toString());
                if (a.cover() != null) n.put("cover_file", a.cover().fileName());
                ctx.out().println(mapper.writerWithDefaultPrettyPrinter().writeValueAsString(n));
            }
        }
        return ExitCodes.OK;
    }
}
