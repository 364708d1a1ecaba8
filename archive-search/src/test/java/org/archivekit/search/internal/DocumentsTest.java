package org.archivekit.search.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import org.archivekit.core.access.AccessPolicy;
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
            // the checksum is SHA-256 of the UTF-8 of the record's string form with an empty checksum
            IndexDocument draft = new IndexDocument(doc.id(), doc.institution(), doc.parent(), doc.path(), doc.level(),
                    doc.referenceCode(), doc.referenceSortKey(), doc.title(), doc.otherTitles(), doc.scope(),
                    doc.notes(), doc.context(), doc.creators(), doc.subjects(), doc.carrier(), doc.hasDigitalObject(),
                    doc.yearFrom(), doc.yearTo(), doc.dateFrom(), doc.sequence(), doc.facts(), "");
            assertThat(doc.checksum()).isEqualTo(sha256(draft.toString()));
            sawNull |= doc.parent() == null || doc.scope() == null || doc.yearFrom() == null;
            sawLists |= doc.context().size() > 1 && doc.path().size() > 1 && !doc.creators().isEmpty();
            n++;
        }
        assertThat(n).isGreaterThan(300);
        assertThat(sawNull).isTrue();
        assertThat(sawLists).isTrue();
    }

    @Test
    void utf8AsTheJdkEncodesIt() {
        java.util.Random random = new java.util.Random(3);
        char[] pool = {'a', 'Z', ' ', '\u00e9', '\u07ff', '\u0800', '\u6863', '\uffff', '\ud83d', '\ude00', '\udbff',
            '\udfff', '\u0000', '\u007f', '\u0080'};
        for (int n = 0; n < 20_000; n++) {
            char[] c = new char[random.nextInt(20)];
            for (int i = 0; i < c.length; i++) c[i] = pool[random.nextInt(pool.length)]; // unpaired surrogates too
            String s = new String(c);
            assertThat(Documents.utf8(s)).as(s).isEqualTo(s.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
        String big = "档号".repeat(5000) + "\ud83d\ude00";
        assertThat(Documents.utf8(big)).isEqualTo(big.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    private static String sha256(String s) {
        try {
            byte[] d = java.security.MessageDigest.getInstance("SHA-256").digest(s.getBytes(
                    java.nio.charset.StandardCharsets.UTF_8));
            return java.util.HexFormat.of().formatHex(d, 0, 16);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }
}
