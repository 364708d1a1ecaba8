package org.archivekit.share.ead;

/**
 * The flavour of an EAD file, detected from its root element and prolog.
 *
 * @since 0.1
 */
public enum EadFormat {
    /** EAD 2002 in the {@code urn:isbn:1-931666-22-9} namespace (the XSD flavour). */
    EAD2002_XSD("EAD 2002 (XSD)"),
    /** EAD 2002 without a namespace, usually with a DOCTYPE naming {@code ead.dtd} (the DTD flavour). */
    EAD2002_DTD("EAD 2002 (DTD)"),
    /** EAD3 in {@code http://ead3.archivists.org/schema/}. */
    EAD3("EAD3"),
    /** EAD3 in the "undeprecated" namespace {@code http://ead3.archivists.org/schema/undeprecated/}. */
    EAD3_UNDEPRECATED("EAD3 (undeprecated)");

    private final String label;

    EadFormat(String label) {
        this.label = label;
    }

    /** A short human-readable name, such as {@code EAD 2002 (DTD)}. */
    public String label() {
        return label;
    }
}
