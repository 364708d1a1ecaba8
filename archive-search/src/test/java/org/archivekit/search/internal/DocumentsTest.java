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
            sawNull |= doc.parent() == null || doc.scope() == null || doc.yearFrom() == null;
            sawLists |= doc.context().size() > 1 && doc.path().size() > 1 && !doc.creators().isEmpty();
            n++;
        }
        assertThat(n).isGreaterThan(300);
        assertThat(sawNull).isTrue();
        assertThat(sawLists).isTrue();
    }
}
