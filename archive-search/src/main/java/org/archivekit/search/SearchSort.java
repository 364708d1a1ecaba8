package org.archivekit.search;

/**
 * The orders of search results; every order breaks ties by record id, so pages never overlap.
 *
 * @since 0.1
 */
public enum SearchSort {
    /** Best match first. */
    RELEVANCE,
    /** Earliest first (undated last). */
    DATE,
    /** Latest first (undated last). */
    DATE_DESC,
    /** By reference code (档号) in natural order: 2 before 10 (uncoded last). */
    REFERENCE_CODE,
    /** By title; Chinese by pinyin (ICU collation), mixed with English alphabetically. */
    TITLE
}
