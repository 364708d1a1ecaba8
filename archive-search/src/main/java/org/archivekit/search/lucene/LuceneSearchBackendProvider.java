package org.archivekit.search.lucene;

import java.nio.file.Path;
import java.util.Locale;
import org.archivekit.search.SearchException;
import org.archivekit.search.spi.SearchBackend;
import org.archivekit.search.spi.SearchBackendProvider;
import org.archivekit.search.spi.SearchSettings;

/**
 * Provides the {@code lucene} backend. Settings: {@code lucene.directory} (required: the index directory) and
 * {@code lucene.analysis} (optional: {@code bigram}, {@code bigram_unigram} or {@code smartcn}).
 *
 * @since 0.1
 */
public final class LuceneSearchBackendProvider implements SearchBackendProvider {

    /** A provider; does no work. */
    public LuceneSearchBackendProvider() {}

    @Override
    public String name() {
        return LuceneSearchBackend.NAME;
    }

    @Override
    public SearchBackend create(SearchSettings settings) {
        String dir = settings.get("lucene.directory");
        if (dir == null || dir.isBlank()) {
            throw new SearchException("the lucene search backend needs the setting 'lucene.directory' (the index"
                    + " directory, such as HOME/index)");
        }
        LuceneSearchBackend.Builder b = LuceneSearchBackend.builder().directory(Path.of(dir));
        String analysis = settings.get("lucene.analysis");
        if (analysis != null) {
            try {
                b.analysis(LuceneAnalysis.valueOf(analysis.toUpperCase(Locale.ROOT)));
            } catch (IllegalArgumentException e) {
                throw new SearchException("unknown lucene.analysis '" + analysis + "'; use bigram, bigram_unigram or"
                        + " smartcn", e);
            }
        }
        return b.build();
    }
}
