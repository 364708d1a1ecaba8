package org.archivekit.share.feed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.rometools.rome.feed.synd.SyndCategory;
import com.rometools.rome.feed.synd.SyndEntry;
import com.rometools.rome.feed.synd.SyndFeed;
import com.rometools.rome.io.SyndFeedInput;
import java.io.StringReader;
import java.io.StringWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.archivekit.core.Archive;
import org.archivekit.core.MutableClock;
import org.archivekit.core.NotFoundException;
import org.archivekit.core.RecordView;
import org.archivekit.core.access.AccessPolicy;
import org.archivekit.core.access.Principal;
import org.archivekit.core.model.Access;
import org.archivekit.core.model.AccessLevel;
import org.archivekit.core.model.Description;
import org.archivekit.core.model.DescriptionId;
import org.archivekit.core.model.Level;
import org.archivekit.core.sample.SampleArchive;
import org.archivekit.core.store.InMemoryArchiveStore;
import org.archivekit.share.permalink.Permalinks;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

final class FeedsTest {
    static final Principal ADMIN = Principal.admin("admin");
    final MutableClock clock = new MutableClock(Instant.parse("2026-06-01T00:00:00Z"));
    final Permalinks permalinks = Permalinks.of("https://archives.example.edu/{institution}/records/{id}");
    Archive archive;
    Feeds feeds;
    Set<DescriptionId> publicIds;

    @BeforeEach
    void fill() {
        archive = Archive.builder().store(new InMemoryArchiveStore())
                .policy(AccessPolicy.builder().clock(clock).build()).build();
        SampleArchive sample = SampleArchive.builder().items(300).seed(21).build();
        archive.putInstitution(ADMIN, sample.institution());
        archive.importAll(ADMIN, sample.iterator());
        feeds = Feeds.of(archive, permalinks);
        publicIds = visibleToPublic();
    }

    @AfterEach
    void close() {
        archive.close();
    }

    Set<DescriptionId> visibleToPublic() {
        try (var s = archive.list(Principal.anonymous(), null)) {
            return s.map(RecordView::id).collect(Collectors.toSet());
        }
    }

    SyndFeed parse(FeedScope scope, Feeds.Format format, int limit) throws Exception {
        StringWriter out = new StringWriter();
        feeds.write(scope, format, limit, out);
        SyndFeed feed = new SyndFeedInput().build(new StringReader(out.toString()));
        assertThat(feed.getFeedType()).isEqualTo(format == Feeds.Format.RSS ? "rss_2.0" : "atom_1.0");
        return feed;
    }

    DescriptionId idOf(SyndEntry e) {
        return permalinks.resolve(e.getLink()).orElseThrow();
    }

    Description touch(DescriptionId id, java.util.function.UnaryOperator<Description.Builder> change) {
        clock.advance(Duration.ofMinutes(1));
        Description d = archive.get(ADMIN, id);
        return archive.update(ADMIN, change.apply(d.toBuilder()).build());
    }

    @ParameterizedTest
    @EnumSource(Feeds.Format.class)
    void theNewestPublicRecordsComeFirstAndNothingHiddenAppears(Feeds.Format format) throws Exception {
        DescriptionId recent = publicIds.stream().sorted().findFirst().orElseThrow();
        touch(recent, b -> b.scopeAndContent("新开放：补充了内容提要。"));
        SyndFeed feed = parse(new FeedScope.Institution(SampleArchive.DEFAULT_INSTITUTION), format, 50);
        assertThat(feed.getEntries()).hasSize(50);
        assertThat(idOf(feed.getEntries().get(0))).isEqualTo(recent);
        assertThat(feed.getEntries()).allSatisfy(e -> assertThat(publicIds).contains(idOf(e)));
        assertThat(feed.getEntries().get(0).getUri()).isEqualTo(feed.getEntries().get(0).getLink());
    }

    @Test
    void aRecordThatBecameHiddenDropsOutAndIdsStayStable() throws Exception {
        DescriptionId a = publicIds.stream().sorted().findFirst().orElseThrow();
        touch(a, b -> b.scopeAndContent("第一次"));
        String uriBefore = parse(new FeedScope.Institution(SampleArchive.DEFAULT_INSTITUTION), Feeds.Format.ATOM, 5)
                .getEntries().get(0).getUri();
        touch(a, b -> b.scopeAndContent("第二次"));
        SyndFeed again = parse(new FeedScope.Institution(SampleArchive.DEFAULT_INSTITUTION), Feeds.Format.ATOM, 5);
        assertThat(again.getEntries().get(0).getUri()).isEqualTo(uriBefore);
        touch(a, b -> b.access(Access.of(AccessLevel.CAMPUS)));
        SyndFeed after = parse(new FeedScope.Institution(SampleArchive.DEFAULT_INSTITUTION), Feeds.Format.RSS, 500);
        assertThat(after.getEntries()).extracting(this::idOf).doesNotContain(a);
        assertThat(after.getEntries()).hasSize(visibleToPublic().size());
    }

    @Test
    void fondsAndSubjectFeedsStayInTheirScope() throws Exception {
        DescriptionId fonds;
        try (var s = archive.list(Principal.anonymous(), Level.FONDS)) {
            fonds = s.map(RecordView::id).findFirst().orElseThrow();
        }
        SyndFeed f = parse(new FeedScope.Fonds(fonds), Feeds.Format.ATOM, 500);
        assertThat(f.getEntries()).isNotEmpty().allSatisfy(e -> {
            RecordView v = archive.view(Principal.anonymous(), idOf(e));
            assertThat(v.id().equals(fonds) || v.breadcrumb().get(0).id().equals(fonds)).isTrue();
        });
        String subject;
        try (var s = archive.list(Principal.anonymous(), Level.ITEM)) {
            subject = s.flatMap(v -> v.description().subjects().stream()).findFirst().orElseThrow();
        }
        SyndFeed bySubject = parse(new FeedScope.Subject(SampleArchive.DEFAULT_INSTITUTION, subject),
                Feeds.Format.RSS, 500);
        assertThat(bySubject.getEntries()).isNotEmpty().allSatisfy(e -> assertThat(e.getCategories())
                .extracting(SyndCategory::getName).contains(subject));
    }

    @Test
    void aHiddenRecordHasNoFeedAndOnlyFondsMakeFondsFeeds() {
        DescriptionId hidden;
        try (var s = archive.list(ADMIN, Level.ITEM)) {
            hidden = s.map(RecordView::id).filter(id -> !publicIds.contains(id)).findFirst().orElseThrow();
        }
        assertThatThrownBy(() -> feeds.write(new FeedScope.Fonds(hidden), Feeds.Format.RSS, 10, new StringWriter()))
                .isInstanceOf(NotFoundException.class);
        DescriptionId publicItem;
        try (var s = archive.list(Principal.anonymous(), Level.ITEM)) {
            publicItem = s.map(RecordView::id).findFirst().orElseThrow();
        }
        assertThatThrownBy(() -> feeds.write(new FeedScope.Fonds(publicItem), Feeds.Format.RSS, 10,
                new StringWriter())).isInstanceOf(org.archivekit.core.InvalidRequestException.class);
    }
}
