package org.archivekit.search;

/**
 * What search results can be counted by; counts cover only what the caller may see.
 *
 * @since 0.1
 */
public enum FacetField {
    /** Institution code. */
    INSTITUTION,
    /** Level of description ({@code FONDS} ... {@code ITEM}). */
    LEVEL,
    /** Creator names. */
    CREATOR,
    /** Subject terms. */
    SUBJECT,
    /** Carrier ({@code PAPER}, ...). */
    CARRIER,
    /** Decade of the first year, as {@code 1930s}. */
    DECADE
}
