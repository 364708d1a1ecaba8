package org.archivekit.search.spi;

/**
 * Makes {@link SearchBackend}s of one kind; found by {@link java.util.ServiceLoader} and registered in
 * {@code META-INF/services/org.archivekit.search.spi.SearchBackendProvider}. Implementations have a public no-arg
 * constructor that does no work.
 *
 * @since 0.1
 */
public interface SearchBackendProvider {

    /** The backend's short, lowercase, stable name ({@code lucene}, {@code solr}). */
    String name();

    /**
     * Opens a backend configured by {@code settings}; heavy work happens here.
     *
     * @throws org.archivekit.search.SearchException when the settings are missing or wrong
     */
    SearchBackend create(SearchSettings settings);
}
