package org.archivekit.share.social;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.archivekit.core.Archive;
import org.archivekit.core.NotFoundException;
import org.archivekit.core.RecordView;
import org.archivekit.core.access.AccessPolicy;
import org.archivekit.core.access.Principal;
import org.archivekit.core.model.Access;
import org.archivekit.core.model.AccessLevel;
import org.archivekit.core.model.Description;
import org.archivekit.core.model.DescriptionId;
import org.archivekit.core.model.Level;
import org.archivekit.core.model.Title;
import org.archivekit.core.sample.SampleArchive;
import org.archivekit.core.store.InMemoryArchiveStore;
import org.archivekit.share.permalink.Permalinks;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

final class SocialPostsTest {
    static final Principal ADMIN = Principal.admin("admin");
    static final Pattern TAG = Pattern.compile("</?([a-zA-Z0-9]+)[^>]*>");
    static final List<String> WECHAT_TAGS = List.of("section", "p", "br", "strong", "em", "span", "h2", "h3",
            "blockquote", "ul", "ol", "li", "img");

    Archive archive;
    SocialPosts posts;
    List<DescriptionId> publicItems = new ArrayList<>();
    List<DescriptionId> hiddenItems = new ArrayList<>();
    DescriptionId series;

    @BeforeEach
    void fill() {
        archive = Archive.builder().store(new InMemoryArchiveStore()).policy(AccessPolicy.builder()
                .clock(Clock.fixed(Instant.parse("2026-06-01T00:00:00Z"), ZoneOffset.UTC)).build()).build();
        SampleArchive sample = SampleArchive.builder().items(400).seed(11).build();
        archive.putInstitution(ADMIN, sample.institution());
        archive.importAll(ADMIN, sample.iterator());
        try (var all = archive.list(ADMIN, Level.ITEM)) {
            all.forEach(v -> (v.effectiveLevel() == AccessLevel.PUBLIC
                    && v.description().status() == org.archivekit.core.model.LifecycleStatus.PUBLISHED
                    ? publicItems : hiddenItems).add(v.id()));
        }
        try (var s = archive.list(Principal.anonymous(), Level.SERIES)) {
            series = s.map(RecordView::id).findFirst().orElseThrow();
        }
        posts = SocialPosts.of(archive, Permalinks.of("https://archives.example.edu/{institution}/records/{id}"));
    }

    @AfterEach
    void close() {
        archive.close();
    }

    Description english(String id, String scope) {
        return archive.create(ADMIN, Description.builder().id(DescriptionId.of(id))
                .institution(SampleArchive.DEFAULT_INSTITUTION).parent(series).level(Level.ITEM)
                .title(Title.en("Letter from the class of 1937 <to> the President & staff"))
                .referenceCode(org.archivekit.core.model.ReferenceCode.of("Z003-XS·1937-Y-" + id))
                .scopeAndContent(scope).subjects(List.of("alumni", "class of 1937", "#letters#")).build());
    }

    static void assertWeChatShape(WeChatArticle a) {
        assertThat(a.title().codePointCount(0, a.title().length())).isBetween(1, 64);
        assertThat(a.digest().codePointCount(0, a.digest().length())).isBetween(1, 120);
        assertThat(a.author().codePointCount(0, a.author().length())).isBetween(1, 16);
        Matcher m = TAG.matcher(a.contentHtml());
        while (m.find()) assertThat(WECHAT_TAGS).contains(m.group(1).toLowerCase());
        assertThat(a.contentHtml()).doesNotContain("<script").doesNotContain("<a ");
    }

    @Nested
    final class WeChat {
        @Test
        void aDozenPublicRecordsBecomeArticlesWithinWeChatsLimits() {
            assertThat(publicItems).hasSizeGreaterThanOrEqualTo(12);
            for (DescriptionId id : publicItems.subList(0, 12)) {
                WeChatArticle a = posts.wechat(id);
                assertWeChatShape(a);
                assertThat(a.contentSourceUrl().toString()).endsWith("/records/" + id.value());
                assertThat(a.contentHtml()).contains("档号");
            }
        }

        @Test
        void englishRecordsGetEnglishLabelsAndEscapedText() {
            english("EN-1", "A letter.\nSigned by forty-two graduates.");
            WeChatArticle a = posts.wechat(DescriptionId.of("EN-1"));
            assertWeChatShape(a);
            assertThat(a.contentHtml()).contains("Reference code", "Permalink: ", "&lt;to&gt;", "&amp;")
                    .doesNotContain("<to>").contains("<p>A letter.</p><p>Signed by forty-two graduates.</p>");
            assertThat(a.title()).isEqualTo("Letter from the class of 1937 <to> the President & staff");
        }

        @Test
        void aCuratedSetKeepsItsOrderAndRefusesHiddenRecords() {
            List<DescriptionId> set = publicItems.subList(0, 3);
            WeChatArticle a = posts.wechat("档案里的毕业季", set);
            assertWeChatShape(a);
            assertThat(a.digest()).startsWith("3件档案：");
            List<DescriptionId> withHidden = List.of(set.get(0), hiddenItems.get(0));
            assertThatThrownBy(() -> posts.wechat("x", withHidden)).isInstanceOf(NotFoundException.class)
                    .hasMessageContaining(hiddenItems.get(0).value());
        }

        @Test
        void hiddenRecordsAreNotFound() {
            for (DescriptionId id : hiddenItems.subList(0, 5)) {
                assertThatThrownBy(() -> posts.wechat(id)).isInstanceOf(NotFoundException.class)
                        .hasMessage(NotFoundException.forId(id.value()).getMessage());
            }
        }
    }

    @Nested
    final class Weibo {
        @Test
        void aDozenPublicRecordsBecomePostsWithTopicsAndPermalink() {
            for (DescriptionId id : publicItems.subList(0, 12)) {
                WeiboPost p = posts.weibo(id);
                assertThat(p.length()).isEqualTo(WeiboLength.of(p.text())).isLessThanOrEqualTo(2000);
                assertThat(p.text()).startsWith("【").endsWith("/records/" + id.value());
                assertThat(p.topics()).isNotEmpty().allSatisfy(t -> assertThat(p.text()).contains("#" + t + "#"));
            }
        }

        @Test
        void aLongSummaryIsShortenedToTheLimitAndTheLinkSurvives() {
            english("EN-2", "汉".repeat(5000));
            WeiboPost p = posts.weibo(DescriptionId.of("EN-2"));
            assertThat(p.length()).isLessThanOrEqualTo(2000).isGreaterThan(1990);
            assertThat(p.text()).contains("…").endsWith("/records/EN-2");
            assertThat(p.topics()).contains("alumni", "classof1937", "letters");
        }

        @Test
        void hiddenRecordsAreNotFound() {
            assertThatThrownBy(() -> posts.weibo(hiddenItems.get(0))).isInstanceOf(NotFoundException.class);
        }
    }

    @Nested
    final class Counting {
        @ParameterizedTest(name = "''{0}'' counts {1}")
        @CsvSource(delimiter = '|', value = {
            "''|0", "a|1", "ab|1", "abc|2", "汉|1", "汉a|2", "汉ab|2", "档案里的今天|6", "Ａ|1", "ｱ|1", "ｱｲ|1",
            "，|1", "😀|1", "https://archives.example.edu/CN-DEMO-U/records/Z001-WS.1931-Y-0001|11",
            "见https://t.cn/abc|12", "a https://x.example/1 b https://x.example/2|25", "#校史#|3"})
        void countsTheWayWeiboDoes(String text, int expected) {
            assertThat(WeiboLength.of(text)).isEqualTo(expected);
        }
    }
}
