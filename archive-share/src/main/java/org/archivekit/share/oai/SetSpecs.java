package org.archivekit.share.oai;

import java.util.regex.Pattern;
import org.archivekit.core.model.DescriptionId;

/**
 * Set specs: {@code INSTITUTION}, {@code INSTITUTION:FONDS}, {@code INSTITUTION:FONDS:SERIES}… Description ids
 * may hold ':', which separates set levels, so it is written as '~' (never in an id, allowed in a set spec).
 */
final class SetSpecs {
    /** The setSpecType pattern of OAI-PMH.xsd. */
    static final Pattern FORM = Pattern.compile("([A-Za-z0-9\\-_.!~*'()])+(:[A-Za-z0-9\\-_.!~*'()]+)*");

    private SetSpecs() {}

    static String encode(DescriptionId id) {
        return id.value().replace(':', '~');
    }
}
