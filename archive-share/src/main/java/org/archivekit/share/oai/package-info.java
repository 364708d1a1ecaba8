/**
 * An OAI-PMH 2.0 data provider: {@link org.archivekit.share.oai.OaiProvider} answers the six verbs from request
 * parameters with streaming XML, in {@code oai_dc} and {@code ead3}, with sets for institutions, fonds and series,
 * signed keyset resumption tokens and persistent deleted records kept in an {@link org.archivekit.share.oai.OaiLedger}.
 * See {@code docs/oai-pmh.md}.
 */
@NullMarked
package org.archivekit.share.oai;

import org.jspecify.annotations.NullMarked;
