package org.archivekit.search.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.archivekit.core.access.AccessPolicy;
import org.archivekit.core.model.AccessLevel;
import org.archivekit.core.model.Description;
import org.archivekit.core.model.DescriptionId;
import org.archivekit.core.sample.SampleArchive;
import org.archivekit.search.spi.IndexDocument;
import org.junit.jupiter.api.Test;

final class DocumentsTest {

    @Test
    void checksumTextIsTheRecordsOwnStringForm() {
        Documents documents = new Documents(AccessPolicy.standard());
        Map<DescriptionId, Documents.Inherited> inherited = new HashMap<>();
        Iterator<Description> it = SampleArchive.builder().items(300).seed(9).build().iterator();
        int n = 0;
        boolean sawNull = false;
        boolean sawLists = false;
        while (it.hasNext()) {
            Description d = it.next();
            Documents.Inherited up = d.parent() == null ? null : inherited.get(d.parent());
            inherited.put(d.id(), documents.inherit(up, d));
            IndexDocument doc = documents.of(up, d);
            assertThat(Documents.text(doc)).isEqualTo(doc.toString());
            // the checksum is MurmurHash3 x64 128 of the UTF-16LE of the record's string form with an empty
            // checksum (Guava's implementation as the independent reference)
            IndexDocument draft = new IndexDocument(doc.id(), doc.institution(), doc.parent(), doc.path(), doc.level(),
                    doc.referenceCode(), doc.referenceSortKey(), doc.title(), doc.otherTitles(), doc.scope(),
                    doc.notes(), doc.context(), doc.creators(), doc.subjects(), doc.carrier(), doc.hasDigitalObject(),
                    doc.yearFrom(), doc.yearTo(), doc.dateFrom(), doc.sequence(), doc.facts(), "");
            assertThat(doc.checksum()).isEqualTo(murmur3(draft.toString()));
            sawNull |= doc.parent() == null || doc.scope() == null || doc.yearFrom() == null;
            sawLists |= doc.context().size() > 1 && doc.path().size() > 1 && !doc.creators().isEmpty();
            n++;
        }
        assertThat(n).isGreaterThan(300);
        assertThat(sawNull).isTrue();
        assertThat(sawLists).isTrue();
    }

    @Test
    void murmur3AsGuavaComputesItForEveryLength() {
        java.util.Random random = new java.util.Random(3);
        // no surrogates here: the reference takes bytes, and the JDK's encoder replaces unpaired ones
        char[] pool = {'a', 'Z', ' ', '\u00e9', '\u07ff', '\u0800', '\u6863', '\uffff', '\u0000', '\u007f', '\u0080',
            '\u8000', '\ufffe'};
        for (int n = 0; n < 5_000; n++) {
            char[] c = new char[random.nextInt(40)]; // every tail length, several blocks
            for (int i = 0; i < c.length; i++) c[i] = pool[random.nextInt(pool.length)];
            String s = new String(c);
            assertThat(Documents.murmur3(c, c.length)).as(s).isEqualTo(murmur3(s));
            // only the first len characters count
            char[] longer = java.util.Arrays.copyOf(c, c.length + 5);
            java.util.Arrays.fill(longer, c.length, longer.length, 'x');
            assertThat(Documents.murmur3(longer, c.length)).as(s).isEqualTo(murmur3(s));
        }
        String big = "档号".repeat(5000) + "\ud83d\ude00";
        assertThat(Documents.murmur3(big.toCharArray(), big.length())).isEqualTo(murmur3(big));
    }

    /** Changing any one component of a document changes its checksum (and no two changes give the same one). */
    @Test
    void everyComponentChangesTheChecksum() {
        Documents documents = new Documents(AccessPolicy.standard());
        Map<DescriptionId, Documents.Inherited> inherited = new HashMap<>();
        IndexDocument doc = null;
        for (Description d : SampleArchive.builder().items(100).seed(5).build()) {
            Documents.Inherited up = d.parent() == null ? null : inherited.get(d.parent());
            inherited.put(d.id(), documents.inherit(up, d));
            IndexDocument x = documents.of(up, d);
            if (x.parent() != null && x.referenceCode() != null && x.scope() != null && x.yearFrom() != null
                    && x.dateFrom() != null && !x.creators().isEmpty() && !x.subjects().isEmpty()) {
                doc = x;
            }
        }
        assertThat(doc).as("a fully described item").isNotNull();
        IndexDocument o = doc;
        assertThat(Documents.checksum(o)).isEqualTo(o.checksum());
        org.archivekit.search.spi.AccessFacts f = o.facts();
        DescriptionId other = new DescriptionId("other-id");
        List<IndexDocument> variants = List.of(
                copy(o, b -> b.id = other, other),
                copy(o, b -> b.institution = new org.archivekit.core.model.InstitutionCode("OTHER"), null),
                copy(o, b -> b.parent = other, null),
                copy(o, b -> b.path = List.of(other, o.id()), null),
                copy(o, b -> b.level = o.level() == org.archivekit.core.model.Level.FILE
                        ? org.archivekit.core.model.Level.ITEM : org.archivekit.core.model.Level.FILE, null),
                copy(o, b -> b.referenceCode = o.referenceCode() + "1", null),
                copy(o, b -> b.referenceSortKey = o.referenceSortKey() + "1", null),
                copy(o, b -> b.title = o.title() + "，续", null),
                copy(o, b -> b.otherTitles = List.of("Other title"), null),
                copy(o, b -> b.scope = null, null),
                copy(o, b -> b.notes = "注：" + o.notes(), null),
                copy(o, b -> b.context = List.of(), null),
                copy(o, b -> b.creators = List.of(), null),
                copy(o, b -> b.subjects = List.of("档案 " + o.subjects()), null),
                copy(o, b -> b.carrier = o.carrier() + "X", null),
                copy(o, b -> b.hasDigitalObject = !o.hasDigitalObject(), null),
                copy(o, b -> b.yearFrom = o.yearFrom() - 1, null),
                copy(o, b -> b.yearTo = o.yearTo() == null ? Integer.valueOf(2000) : null, null),
                copy(o, b -> b.dateFrom = o.dateFrom().plusDays(1), null),
                copy(o, b -> b.sequence = o.sequence() + 1, null),
                copy(o, b -> b.facts = new org.archivekit.search.spi.AccessFacts(f.staticLevel()
                        == AccessLevel.CONFIDENTIAL ? AccessLevel.PUBLIC : AccessLevel.CONFIDENTIAL, f.restrictedUntil(), f.campusUntil(), f.isPublished(), f.isClassified()), null),
                copy(o, b -> b.facts = new org.archivekit.search.spi.AccessFacts(f.staticLevel(), f.restrictedUntil()
                        + 1, f.campusUntil(), f.isPublished(), f.isClassified()), null),
                copy(o, b -> b.facts = new org.archivekit.search.spi.AccessFacts(f.staticLevel(), f.restrictedUntil(),
                        f.campusUntil() + 1, f.isPublished(), f.isClassified()), null),
                copy(o, b -> b.facts = new org.archivekit.search.spi.AccessFacts(f.staticLevel(), f.restrictedUntil(),
                        f.campusUntil(), !f.isPublished(), f.isClassified()), null),
                copy(o, b -> b.facts = new org.archivekit.search.spi.AccessFacts(f.staticLevel(), f.restrictedUntil(),
                        f.campusUntil(), f.isPublished(), !f.isClassified()), null));
        java.util.Set<String> seen = new java.util.HashSet<>();
        seen.add(o.checksum());
        for (IndexDocument v : variants) {
            assertThat(v).isNotEqualTo(o);
            assertThat(seen.add(Documents.checksum(v))).as("checksum of %s", v).isTrue();
        }
        assertThat(seen).hasSize(variants.size() + 1);
    }

    /** Creators are the agents' names, each once, in order of first appearance, for few agents and for many. */
    @Test
    void creatorsAreTheDistinctAgentNamesInOrder() {
        Documents documents = new Documents(AccessPolicy.standard());
        Description fonds = SampleArchive.builder().items(100).seed(5).build().iterator().next();
        assertThat(fonds.parent()).isNull();
        for (int n : new int[] {0, 1, 2, 3, 16, 17, 40}) {
            List<org.archivekit.core.model.Agent> agents = new java.util.ArrayList<>();
            for (int i = 0; i < n; i++) {
                // names repeat (every third repeats the name two before it), roles differ
                String name = "形成者 " + (i % 3 == 2 ? i - 2 : i);
                agents.add(new org.archivekit.core.model.Agent(org.archivekit.core.model.AgentType.PERSON, name,
                        i % 2 == 0 ? org.archivekit.core.model.AgentRole.CREATOR
                                : org.archivekit.core.model.AgentRole.AUTHOR, null));
            }
            if (n > 2) agents.add(agents.get(0)); // the first again at the end
            IndexDocument doc = documents.of(null, fonds.toBuilder().agents(agents).build());
            List<String> expected = agents.stream().map(org.archivekit.core.model.Agent::name).distinct().toList();
            assertThat(doc.creators()).as("%d agents", n).isEqualTo(expected);
            assertThat(doc.checksum()).isEqualTo(Documents.checksum(doc));
        }
    }

    /** The components of a document, to change one at a time. */
    private static final class Parts {
        DescriptionId id;
        org.archivekit.core.model.InstitutionCode institution;
        DescriptionId parent;
        List<DescriptionId> path;
        org.archivekit.core.model.Level level;
        String referenceCode;
        String referenceSortKey;
        String title;
        List<String> otherTitles;
        String scope;
        String notes;
        List<String> context;
        List<String> creators;
        List<String> subjects;
        String carrier;
        boolean hasDigitalObject;
        Integer yearFrom;
        Integer yearTo;
        java.time.LocalDate dateFrom;
        int sequence;
        org.archivekit.search.spi.AccessFacts facts;
    }

    /** {@code d} with one change; a new {@code id} also ends the path. */
    private static IndexDocument copy(IndexDocument d, java.util.function.Consumer<Parts> change,
            DescriptionId newId) {
        Parts b = new Parts();
        b.id = d.id();
        b.institution = d.institution();
        b.parent = d.parent();
        b.path = d.path();
        b.level = d.level();
        b.referenceCode = d.referenceCode();
        b.referenceSortKey = d.referenceSortKey();
        b.title = d.title();
        b.otherTitles = d.otherTitles();
        b.scope = d.scope();
        b.notes = d.notes();
        b.context = d.context();
        b.creators = d.creators();
        b.subjects = d.subjects();
        b.carrier = d.carrier();
        b.hasDigitalObject = d.hasDigitalObject();
        b.yearFrom = d.yearFrom();
        b.yearTo = d.yearTo();
        b.dateFrom = d.dateFrom();
        b.sequence = d.sequence();
        b.facts = d.facts();
        change.accept(b);
        if (newId != null) {
            List<DescriptionId> p = new java.util.ArrayList<>(d.path().subList(0, d.path().size() - 1));
            p.add(newId);
            b.path = p;
        }
        return new IndexDocument(b.id, b.institution, b.parent, b.path, b.level, b.referenceCode, b.referenceSortKey,
                b.title, b.otherTitles, b.scope, b.notes, b.context, b.creators, b.subjects, b.carrier,
                b.hasDigitalObject, b.yearFrom, b.yearTo, b.dateFrom, b.sequence, b.facts, d.checksum());
    }

    private static String murmur3(String s) {
        return com.google.common.hash.Hashing.murmur3_128().hashBytes(s.getBytes(
                java.nio.charset.StandardCharsets.UTF_16LE)).toString();
    }
}
