package org.archivekit.share.link;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.archivekit.core.AccessRestrictedException;
import org.archivekit.core.Archive;
import org.archivekit.core.InvalidRequestException;
import org.archivekit.core.MutableClock;
import org.archivekit.core.NotFoundException;
import org.archivekit.core.Page;
import org.archivekit.core.RecordView;
import org.archivekit.core.access.AccessPolicy;
import org.archivekit.core.access.Principal;
import org.archivekit.core.model.Access;
import org.archivekit.core.model.AccessLevel;
import org.archivekit.core.model.AuditEvent;
import org.archivekit.core.model.Description;
import org.archivekit.core.model.DescriptionId;
import org.archivekit.core.model.Institution;
import org.archivekit.core.model.InstitutionCode;
import org.archivekit.core.model.Level;
import org.archivekit.core.model.LifecycleStatus;
import org.archivekit.core.model.SecrecyMarking;
import org.archivekit.core.model.Title;
import org.archivekit.core.store.InMemoryArchiveStore;
import org.archivekit.share.spi.ShareLinkRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The share-link attack tests: tampering, expiry, revocation, lowered clearance, raised records, random tokens. */
final class ShareLinksTest {
    static final InstitutionCode U = InstitutionCode.of("CN-TEST-U");
    static final Principal ADMIN = Principal.admin("admin");
    static final Instant T0 = Instant.parse("2026-06-01T00:00:00Z");

    final MutableClock clock = new MutableClock(T0);
    final Map<String, Principal> users = new HashMap<>();
    Archive archive;
    ShareKeyRing ring = ShareKeyRing.generate("k1");
    ShareLinkRegistry registry;
    ShareLinks links;

    @TempDir
    java.nio.file.Path dir;

    @BeforeEach
    void setUp() {
        archive = Archive.builder().store(new InMemoryArchiveStore())
                .policy(AccessPolicy.builder().clock(clock).build()).build();
        archive.putInstitution(ADMIN, new Institution(U, "测试大学档案馆", "Test University Archives", null));
        archive.create(ADMIN, rec("F1", null, Level.FONDS, AccessLevel.PUBLIC));
        archive.create(ADMIN, rec("S1", "F1", Level.SERIES, AccessLevel.RESTRICTED));
        archive.create(ADMIN, rec("FI1", "S1", Level.FILE, AccessLevel.RESTRICTED));
        archive.create(ADMIN, rec("I1", "FI1", Level.ITEM, AccessLevel.RESTRICTED));
        archive.create(ADMIN, rec("I2", "FI1", Level.ITEM, AccessLevel.CONFIDENTIAL));
        archive.create(ADMIN, rec("S2", "F1", Level.SERIES, AccessLevel.PUBLIC));
        users.put("staff", Principal.staff("staff", AccessLevel.RESTRICTED, U));
        users.put("admin", ADMIN);
        registry = SqliteShareLinkRegistry.open(dir.resolve("share.db"));
        links = service(ring);
    }

    @AfterEach
    void tearDown() {
        registry.close();
        archive.close();
    }

    ShareLinks service(ShareKeyRing keys) {
        return ShareLinks.builder().archive(archive).registry(registry).keys(keys)
                .directory(id -> Optional.ofNullable(users.get(id))).build();
    }

    static Description rec(String id, String parent, Level level, AccessLevel access) {
        return Description.builder().id(DescriptionId.of(id)).institution(U)
                .parent(parent == null ? null : DescriptionId.of(parent)).level(level)
                .title(Title.zh("记录 " + id)).access(Access.of(access)).build();
    }

    static DescriptionId id(String s) {
        return DescriptionId.of(s);
    }

    IssuedShareLink issue(String record, ShareScope scope, Integer maxUses) {
        return links.create(users.get("staff"), new ShareLinkRequest(id(record), scope, false, Duration.ofDays(7),
                maxUses));
    }

    void assertRefused(String token) {
        assertThatThrownBy(() -> links.open(token)).isInstanceOf(ShareLinkRefusedException.class)
                .hasMessage(ShareLinkRefusedException.MESSAGE);
    }

    @Test
    void aLinkOpensARestrictedRecordForACallerlessViewer() {
        IssuedShareLink issued = issue("FI1", ShareScope.RECORD, null);
        assertThatThrownBy(() -> archive.get(Principal.anonymous(), id("FI1"))).isInstanceOf(NotFoundException.class);
        SharedView v = links.open(issued.token());
        assertThat(v.view().id()).isEqualTo(id("FI1"));
        assertThat(v.view().breadcrumb()).isEmpty();
        assertThat(v.downloadsAllowed()).isFalse();
        assertThat(registry.find(issued.link().handle()).orElseThrow().uses()).isEqualTo(1);
    }

    @Nested
    final class Tampering {
        /** Rewrites one field of the signed payload, keeping the original MAC. */
        String tamper(String token, int field, String value) {
            String[] parts = token.split("\\.");
            String payload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8);
            String[] f = payload.split("\n", -1);
            f[field] = value;
            String forged = Base64.getUrlEncoder().withoutPadding()
                    .encodeToString(String.join("\n", f).getBytes(StandardCharsets.UTF_8));
            return parts[0] + "." + forged + "." + parts[2];
        }

        @ParameterizedTest(name = "field {0}")
        @ValueSource(ints = {0, 1, 2, 3, 4, 5, 6})
        void everySignedFieldIsCovered(int field) {
            IssuedShareLink issued = issue("FI1", ShareScope.RECORD, 3);
            String[] replacement = {"k2", "AAAAAAAAAAAAAAAAAAAAAA", "I2", "SUBTREE", "1",
                Long.toString(issued.link().expiresAt().getEpochSecond() + 86_400), "1000"};
            assertRefused(tamper(issued.token(), field, replacement[field]));
            assertThat(links.open(issued.token()).view().id()).isEqualTo(id("FI1"));
        }

        @Test
        void alteredOrTruncatedMacsAndPrefixesAreRefused() {
            String token = issue("FI1", ShareScope.RECORD, null).token();
            char last = token.charAt(token.length() - 1);
            assertRefused(token.substring(0, token.length() - 1) + (last == 'A' ? 'B' : 'A'));
            assertRefused(token.substring(0, token.length() - 4));
            // the same MAC bytes spelt differently: the last character's unused low bits flipped
            String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
            int v = alphabet.indexOf(last);
            String variant = token.substring(0, token.length() - 1) + alphabet.charAt(v ^ 1);
            assertThat(java.util.Base64.getUrlDecoder().decode(variant.substring(variant.lastIndexOf('.') + 1)))
                    .isEqualTo(java.util.Base64.getUrlDecoder().decode(token.substring(token.lastIndexOf('.') + 1)));
            assertRefused(variant);
            assertRefused(token.substring(0, token.lastIndexOf('.')));
            assertRefused("ak2" + token.substring(3));
            assertRefused(token + "A");
            assertRefused("");
            assertRefused("x".repeat(5000));
        }

        @Test
        void aTokenSignedWithAnotherKeyIsRefused() {
            ShareLinks other = service(ShareKeyRing.generate("k1"));
            String foreign = other.create(users.get("staff"), ShareLinkRequest.of(id("FI1"), Duration.ofDays(1)))
                    .token();
            assertRefused(foreign);
        }
    }

    @Nested
    final class Lifetime {
        @Test
        void expiredByOneSecondIsRefused() {
            IssuedShareLink issued = issue("FI1", ShareScope.RECORD, null);
            clock.set(issued.link().expiresAt().minusSeconds(1));
            assertThat(links.open(issued.token()).view().id()).isEqualTo(id("FI1"));
            clock.set(issued.link().expiresAt());
            assertRefused(issued.token());
            clock.set(issued.link().expiresAt().plusSeconds(1));
            assertRefused(issued.token());
        }

        @Test
        void revokedIsRefused() {
            IssuedShareLink issued = issue("FI1", ShareScope.RECORD, null);
            links.revoke(users.get("staff"), issued.token());
            assertRefused(issued.token());
        }

        @Test
        void useLimitHoldsUnderConcurrency() throws Exception {
            IssuedShareLink issued = issue("FI1", ShareScope.RECORD, 5);
            ExecutorService pool = Executors.newFixedThreadPool(8);
            List<Callable<Boolean>> tries = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                tries.add(() -> {
                    try {
                        links.open(issued.token());
                        return true;
                    } catch (ShareLinkRefusedException e) {
                        return false;
                    }
                });
            }
            long opened = 0;
            for (Future<Boolean> f : pool.invokeAll(tries)) if (f.get()) opened++;
            pool.shutdown();
            assertThat(opened).isEqualTo(5);
            assertThat(registry.find(issued.link().handle()).orElseThrow().uses()).isEqualTo(5);
        }

        @Test
        void ttlIsMandatoryAndBounded() {
            assertThatThrownBy(() -> links.create(users.get("staff"), ShareLinkRequest.of(id("FI1"), Duration.ZERO)))
                    .isInstanceOf(InvalidRequestException.class).hasMessageContaining("ttl");
            assertThatThrownBy(() -> links.create(users.get("staff"),
                    ShareLinkRequest.of(id("FI1"), Duration.ofDays(366)))).isInstanceOf(InvalidRequestException.class);
            assertThatThrownBy(() -> links.create(users.get("staff"),
                    new ShareLinkRequest(id("FI1"), ShareScope.RECORD, false, null, 0)))
                    .isInstanceOf(InvalidRequestException.class).hasMessageContaining("maxUses")
                    .hasMessageContaining("ttl");
        }
    }

    @Nested
    final class RecheckedAtEveryUse {
        @Test
        void issuersLoweredClearanceStopsTheLink() {
            IssuedShareLink issued = issue("FI1", ShareScope.RECORD, null);
            users.put("staff", Principal.staff("staff", AccessLevel.CAMPUS, U));
            assertRefused(issued.token());
        }

        @Test
        void departedIssuerStopsTheLink() {
            IssuedShareLink issued = issue("FI1", ShareScope.RECORD, null);
            users.remove("staff");
            assertRefused(issued.token());
        }

        @Test
        void recordRaisedAboveTheIssuerStopsTheLink() {
            IssuedShareLink issued = issue("FI1", ShareScope.RECORD, null);
            Description d = archive.get(ADMIN, id("FI1"));
            archive.update(ADMIN, d.toBuilder().access(Access.of(AccessLevel.CONFIDENTIAL)).build());
            assertRefused(issued.token());
        }

        @Test
        void withdrawnOrClassifiedRecordStopsTheLink() {
            IssuedShareLink a = issue("FI1", ShareScope.RECORD, null);
            IssuedShareLink b = issue("S2", ShareScope.RECORD, null);
            Description fi1 = archive.get(ADMIN, id("FI1"));
            archive.update(ADMIN, fi1.toBuilder().status(LifecycleStatus.WITHDRAWN).build());
            Description s2 = archive.get(ADMIN, id("S2"));
            archive.update(ADMIN, s2.toBuilder().access(Access.of(AccessLevel.PUBLIC)
                    .withSecrecy(SecrecyMarking.SECRET)).build());
            assertRefused(a.token());
            assertRefused(b.token());
        }

        @Test
        void aLinkNeverGrantsMoreThanItsIssuerCouldSee() {
            assertThatThrownBy(() -> issue("I2", ShareScope.RECORD, null)).isInstanceOf(NotFoundException.class);
            IssuedShareLink subtree = issue("FI1", ShareScope.SUBTREE, null);
            Page<RecordView> kids = links.children(subtree.token(), id("FI1"), null, 10);
            assertThat(kids.items()).extracting(RecordView::id).containsExactly(id("I1"));
            assertThat(links.open(subtree.token(), id("I1")).view().breadcrumb())
                    .extracting(RecordView.Crumb::id).containsExactly(id("FI1"));
            assertThatThrownBy(() -> links.open(subtree.token(), id("I2")))
                    .isInstanceOf(ShareLinkRefusedException.class);
            assertThatThrownBy(() -> links.open(subtree.token(), id("S2")))
                    .isInstanceOf(ShareLinkRefusedException.class);
        }

        @Test
        void aRecordLinkOpensNothingBelowIt() {
            IssuedShareLink record = issue("FI1", ShareScope.RECORD, null);
            assertThatThrownBy(() -> links.open(record.token(), id("I1")))
                    .isInstanceOf(ShareLinkRefusedException.class);
            assertThatThrownBy(() -> links.children(record.token(), id("FI1"), null, 10))
                    .isInstanceOf(ShareLinkRefusedException.class);
        }

        @Test
        void thePublicCannotIssueLinks() {
            assertThatThrownBy(() -> links.create(Principal.anonymous(), ShareLinkRequest.of(id("S2"),
                    Duration.ofDays(1)))).isInstanceOf(AccessRestrictedException.class);
        }
    }

    @Nested
    final class Keys {
        @Test
        void rotationKeepsOldLinksAndRemovalCutsThemOff() {
            String old = issue("FI1", ShareScope.RECORD, null).token();
            ShareKeyRing rotated = ring.rotate("k2");
            ShareLinks afterRotation = service(rotated);
            assertThat(afterRotation.open(old).view().id()).isEqualTo(id("FI1"));
            String fresh = afterRotation.create(users.get("staff"), ShareLinkRequest.of(id("FI1"),
                    Duration.ofDays(1))).token();
            assertThat(new String(Base64.getUrlDecoder().decode(fresh.split("\\.")[1]), StandardCharsets.UTF_8))
                    .startsWith("k2\n");
            ShareLinks afterRemoval = service(rotated.without("k1"));
            assertThatThrownBy(() -> afterRemoval.open(old)).isInstanceOf(ShareLinkRefusedException.class);
            assertThat(afterRemoval.open(fresh).view().id()).isEqualTo(id("FI1"));
        }

        @Test
        void keysAreLongAndStoredForTheOwnerOnly() throws Exception {
            assertThatThrownBy(() -> ShareKeyRing.of(Map.of("k", new byte[16]), "k"))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("256");
            java.nio.file.Path file = dir.resolve("keys.properties");
            ShareKeyRing created = ShareKeyRing.loadOrCreate(file);
            assertThat(java.nio.file.Files.getPosixFilePermissions(file))
                    .containsExactlyInAnyOrder(java.nio.file.attribute.PosixFilePermission.OWNER_READ,
                            java.nio.file.attribute.PosixFilePermission.OWNER_WRITE);
            String token = service(created).create(users.get("staff"), ShareLinkRequest.of(id("FI1"),
                    Duration.ofDays(1))).token();
            assertThat(service(ShareKeyRing.loadOrCreate(file)).open(token).view().id()).isEqualTo(id("FI1"));
            assertThat(created.toString()).doesNotContain(java.nio.file.Files.readString(file).split("key.k1=")[1]
                    .trim());
        }
    }

    @Nested
    final class RandomTokens {
        @Test
        void aMillionRandomTokensOpenNothing() {
            String valid = issue("FI1", ShareScope.RECORD, null).token();
            String signedPart = valid.substring(0, valid.lastIndexOf('.') + 1);
            Random random = new Random(20261122L);
            Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
            int accepted = 0;
            for (int i = 0; i < 1_000_000; i++) {
                byte[] mac = new byte[32];
                random.nextBytes(mac);
                String candidate;
                if (i % 2 == 0) {
                    candidate = signedPart + b64.encodeToString(mac); // a real payload, a guessed MAC
                } else {
                    byte[] payload = new byte[20 + random.nextInt(120)];
                    random.nextBytes(payload);
                    candidate = "ak1." + b64.encodeToString(payload) + "." + b64.encodeToString(mac);
                }
                if (ShareToken.verify(candidate, ring).isPresent()) accepted++;
            }
            assertThat(accepted).isZero();
            assertThat(ShareToken.verify(valid, ring)).isPresent();
        }

        @Test
        void openingRandomTokensThroughTheServiceIsRefusedAndAudited() {
            Random random = new Random(7);
            for (int i = 0; i < 200; i++) {
                byte[] b = new byte[60];
                random.nextBytes(b);
                assertRefused("ak1." + Base64.getUrlEncoder().withoutPadding().encodeToString(b) + ".AAAA");
            }
            try (Stream<AuditEvent> log = archive.auditLog(ADMIN, 0)) {
                assertThat(log.filter(e -> e.action().equals("share-refuse"))).hasSize(200);
            }
        }
    }

    @Nested
    final class Bookkeeping {
        @Test
        void listingsNeverCarryTokensAndCreationUseRefusalAreAudited() {
            IssuedShareLink issued = issue("FI1", ShareScope.RECORD, 2);
            links.open(issued.token());
            links.open(issued.token());
            assertRefused(issued.token());
            List<ShareLink> listed = links.list(users.get("staff"), id("FI1"));
            assertThat(listed).hasSize(1);
            String secretPart = issued.token().split("\\.")[1];
            assertThat(listed.get(0).toString()).doesNotContain(secretPart).doesNotContain(issued.token());
            assertThat(issued.toString()).doesNotContain(issued.token());
            assertThat(listed.get(0).uses()).isEqualTo(2);
            List<String> actions;
            try (Stream<AuditEvent> log = archive.auditLog(ADMIN, 0)) {
                actions = log.map(AuditEvent::action).filter(a -> a.startsWith("share-")).toList();
            }
            assertThat(actions).containsExactly("share-create", "share-open", "share-open", "share-refuse");
        }

        @Test
        void onlyTheIssuerOrStaffMayRevoke() {
            IssuedShareLink issued = issue("S2", ShareScope.RECORD, null);
            Principal campus = Principal.campus("student", U);
            assertThatThrownBy(() -> links.revoke(campus, issued.token()))
                    .isInstanceOf(AccessRestrictedException.class);
            links.revoke(ADMIN, issued.token());
            assertRefused(issued.token());
        }
    }
}
