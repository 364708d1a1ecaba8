package org.archivekit.share.social;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import org.archivekit.core.Archive;
import org.archivekit.core.NotFoundException;
import org.archivekit.core.RecordView;
import org.archivekit.core.access.Principal;
import org.archivekit.core.model.Agent;
import org.archivekit.core.model.AgentRole;
import org.archivekit.core.model.ArchivalDate;
import org.archivekit.core.model.Description;
import org.archivekit.core.model.DescriptionId;
import org.archivekit.core.model.DigitalObjectRef;
import org.archivekit.core.model.Institution;
import org.archivekit.share.permalink.Permalinks;
import org.jspecify.annotations.Nullable;

/**
 * Renders records for WeChat official accounts and Weibo, from what the anonymous public may see only; immutable and
 * thread-safe. A record the public may not see is a {@link NotFoundException}, as it is for any other read. Labels
 * follow the record's language (Chinese for a {@code zh} title, English otherwise).
 *
 * @since 0.1
 */
public final class SocialPosts {
    private static final int MAX_TOPICS = 4;
    private static final int TOPIC_MAX = 32;

    private final Archive archive;
    private final Permalinks permalinks;

    private SocialPosts(Archive archive, Permalinks permalinks) {
        this.archive = archive;
        this.permalinks = permalinks;
    }

    /** Posts of {@code archive}'s records, linking to their {@code permalinks}. */
    public static SocialPosts of(Archive archive, Permalinks permalinks) {
        return new SocialPosts(Objects.requireNonNull(archive, "archive"), Objects.requireNonNull(permalinks,
                "permalinks"));
    }

    /**
     * A WeChat article about one public record.
     *
     * @throws NotFoundException when the record is missing or not public
     */
    public WeChatArticle wechat(DescriptionId id) {
        RecordView v = publicView(id);
        Description d = v.description();
        boolean zh = isChinese(d);
        String body = "<section>" + recordHtml(v, zh, false) + "</section>";
        return new WeChatArticle(clip(d.title().text(), WeChatArticle.TITLE_MAX), clip(digest(d, zh),
                WeChatArticle.DIGEST_MAX), clip(author(d, zh), WeChatArticle.AUTHOR_MAX), body, cover(d),
                permalinks.permalink(d));
    }

    /**
     * A WeChat article about a curated set of public records, in the given order, under {@code title}.
     *
     * @throws NotFoundException naming the first record of the set that is missing or not public
     */
    public WeChatArticle wechat(String title, List<DescriptionId> ids) {
        Objects.requireNonNull(title, "title");
        if (ids.isEmpty()) throw new IllegalArgumentException("a curated set needs at least one record");
        List<RecordView> views = ids.stream().map(this::publicView).toList();
        Description first = views.get(0).description();
        boolean zh = isChinese(first);
        StringBuilder body = new StringBuilder("<section>");
        for (RecordView v : views) body.append(recordHtml(v, isChinese(v.description()), true));
        body.append("</section>");
        DigitalObjectRef cover = views.stream().map(v -> cover(v.description())).filter(Objects::nonNull)
                .findFirst().orElse(null);
        String digest = views.size() + (zh ? "件档案：" : " records: ") + String.join(zh ? "；" : "; ",
                views.stream().map(v -> v.description().title().text()).toList());
        return new WeChatArticle(clip(title, WeChatArticle.TITLE_MAX), clip(digest, WeChatArticle.DIGEST_MAX),
                clip(institutionName(first, zh), WeChatArticle.AUTHOR_MAX), body.toString(), cover,
                permalinks.permalink(first));
    }

    /**
     * A Weibo post about one public record: title, as much of the summary as fits, #话题# topics from its subjects
     * and fonds, and its permalink; at most {@link WeiboLength#LIMIT} long as Weibo counts.
     *
     * @throws NotFoundException when the record is missing or not public
     */
    public WeiboPost weibo(DescriptionId id) {
        RecordView v = publicView(id);
        Description d = v.description();
        boolean zh = isChinese(d);
        List<String> topics = topics(v);
        String head = zh ? "【" + d.title().text() + "】" : d.title().text() + ": ";
        String tail = "\n" + String.join(" ", topics.stream().map(t -> "#" + t + "#").toList())
                + (topics.isEmpty() ? "" : " ") + permalinks.permalink(d);
        String summary = digest(d, zh);
        String text = head + summary + tail;
        // shorten the summary, never the title, topics or link, until the post fits
        int[] cps = summary.codePoints().toArray();
        int keep = cps.length;
        while (WeiboLength.of(text) > WeiboLength.LIMIT && keep > 0) {
            keep = Math.max(0, keep - Math.max(1, (WeiboLength.of(text) - WeiboLength.LIMIT)));
            text = head + new String(cps, 0, keep) + "…" + tail;
        }
        if (WeiboLength.of(text) > WeiboLength.LIMIT) {
            head = clip(head, 200);
            text = head + tail;
        }
        return new WeiboPost(text, topics, WeiboLength.of(text));
    }

    // ------------------------------------------------------------------

    private RecordView publicView(DescriptionId id) {
        return archive.view(Principal.anonymous(), id);
    }

    private static boolean isChinese(Description d) {
        return d.title().language().toLowerCase(Locale.ROOT).startsWith("zh");
    }

    private String recordHtml(RecordView v, boolean zh, boolean asPartOfSet) {
        Description d = v.description();
        StringBuilder h = new StringBuilder();
        h.append(asPartOfSet ? "<h3>" : "<h2>").append(esc(d.title().text())).append(asPartOfSet ? "</h3>" : "</h2>");
        field(h, zh ? "档号" : "Reference code", d.referenceCode() == null ? null : d.referenceCode().value());
        field(h, zh ? "日期" : "Date", d.dates().isEmpty() ? null
                : String.join(zh ? "；" : "; ", d.dates().stream().map(ArchivalDate::expression).toList()));
        field(h, zh ? "责任者" : "Creator", d.agents().isEmpty() ? null
                : String.join(zh ? "、" : ", ", d.agents().stream().map(Agent::name).toList()));
        if (d.scopeAndContent() != null) {
            for (String para : d.scopeAndContent().split("\\R+")) {
                if (!para.isBlank()) h.append("<p>").append(esc(para.strip())).append("</p>");
            }
        }
        String within = String.join(" › ", v.breadcrumb().stream().map(RecordView.Crumb::title).toList());
        field(h, zh ? "出处" : "From", (within.isEmpty() ? "" : within + " · ") + institutionName(d, zh));
        h.append("<p><span>").append(zh ? "原文链接：" : "Permalink: ").append(esc(permalinks.permalink(d).toString()))
                .append("</span></p>");
        return h.toString();
    }

    private static void field(StringBuilder h, String label, @Nullable String value) {
        if (value == null || value.isBlank()) return;
        h.append("<p><strong>").append(esc(label)).append("</strong> ").append(esc(value)).append("</p>");
    }

    private static String digest(Description d, boolean zh) {
        if (d.scopeAndContent() != null && !d.scopeAndContent().isBlank()) {
            return d.scopeAndContent().strip().replaceAll("\\s*\\R\\s*", " ");
        }
        String date = d.dates().isEmpty() ? "" : (zh ? "，" : ", ") + d.dates().get(0).expression();
        return d.title().text() + date;
    }

    private String author(Description d, boolean zh) {
        for (AgentRole role : List.of(AgentRole.AUTHOR, AgentRole.CREATOR, AgentRole.PHOTOGRAPHER)) {
            for (Agent a : d.agents()) if (a.role() == role) return a.name();
        }
        return institutionName(d, zh);
    }

    private String institutionName(Description d, boolean zh) {
        for (Institution i : archive.institutions()) {
            if (i.code().equals(d.institution())) return zh || i.nameEn() == null ? i.nameZh() : i.nameEn();
        }
        return d.institution().value();
    }

    private static @Nullable DigitalObjectRef cover(Description d) {
        for (String preferred : List.of("image/jpeg", "image/png", "image/")) {
            for (DigitalObjectRef o : d.digitalObjects()) {
                if (o.mediaType().toLowerCase(Locale.ROOT).startsWith(preferred)) return o;
            }
        }
        return null;
    }

    private static List<String> topics(RecordView v) {
        Set<String> out = new LinkedHashSet<>();
        for (String s : v.description().subjects()) {
            String t = topic(s);
            if (!t.isEmpty()) out.add(t);
            if (out.size() == MAX_TOPICS - 1) break;
        }
        if (!v.breadcrumb().isEmpty()) {
            String fonds = topic(v.breadcrumb().get(0).title());
            if (!fonds.isEmpty()) out.add(fonds);
        }
        return new ArrayList<>(out);
    }

    /** A topic name Weibo will link: no # marks, no white space, not too long. */
    static String topic(String s) {
        return clip(s.replaceAll("[#＃\\s]+", ""), TOPIC_MAX);
    }

    static String clip(String s, int maxCodePoints) {
        if (s.codePointCount(0, s.length()) <= maxCodePoints) return s;
        return s.substring(0, s.offsetByCodePoints(0, maxCodePoints - 1)) + "…";
    }

    static String esc(String s) {
        StringBuilder out = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
