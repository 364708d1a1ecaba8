package org.archivekit.search;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.ServiceLoader;
import org.archivekit.search.spi.SearchBackend;
import org.archivekit.search.spi.SearchBackendProvider;
import org.archivekit.search.spi.SearchSettings;

/**
 * Finds search backends by name through {@link ServiceLoader}.
 *
 * <pre>{@code
 * SearchBackend b = SearchBackends.load("lucene", Map.of("lucene.directory", "var/index")::get);
 * }</pre>
 *
 * @since 0.1
 */
public final class SearchBackends {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(SearchBackends.class);

    private SearchBackends() {}

    /**
     * Opens the backend called {@code name} with {@code settings}.
     *
     * @throws SearchException when no provider has that name (the message lists the available ones) or the
     *     provider refuses the settings
     */
    public static SearchBackend load(String name, SearchSettings settings) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(settings, "settings");
        Map<String, SearchBackendProvider> providers = providers(SearchBackends.class.getClassLoader());
        SearchBackendProvider p = providers.get(name);
        if (p == null) {
            throw new SearchException("no search backend named '" + name + "'; available: "
                    + (providers.isEmpty() ? "none" : String.join(", ", providers.keySet()))
                    + ". Add the jar of the backend to the class path (archive-search brings 'lucene';"
                    + " others come in their own modules, such as archive-search-solr)");
        }
        return p.create(settings);
    }

    /** The names of the backends on the class path, in discovery order. */
    public static List<String> available() {
        return new ArrayList<>(providers(SearchBackends.class.getClassLoader()).keySet());
    }

    private static Map<String, SearchBackendProvider> providers(ClassLoader loader) {
        Map<String, SearchBackendProvider> out = new LinkedHashMap<>();
        for (SearchBackendProvider p : ServiceLoader.load(SearchBackendProvider.class, loader)) {
            SearchBackendProvider first = out.putIfAbsent(p.name(), p);
            if (first != null) {
                LOG.warn("two search backends are named '{}': {} and {}; using the first", p.name(),
                        first.getClass().getName(), p.getClass().getName());
            }
        }
        return out;
    }
}
