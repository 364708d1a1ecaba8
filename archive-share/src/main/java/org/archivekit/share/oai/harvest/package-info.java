/**
 * OAI-PMH 2.0 harvesting: {@link org.archivekit.share.oai.harvest.OaiHarvester} pulls a partner provider's
 * records (oai_dc) over HTTP, incrementally and with retries, into the partner's own institution in the store,
 * keeping the partner's identifiers, datestamps and links, so that one search spans the whole alliance.
 *
 * <p>Responses are read with the hardened StAX parser (no DTDs, no external entities) and never beyond a size
 * bound; every failure is a {@link org.archivekit.share.oai.harvest.HarvestException} subtype carrying the progress
 * made so far. The mapping from Dublin Core to the model is described in {@code docs/oai-pmh-harvest.md}.
 */
@NullMarked
package org.archivekit.share.oai.harvest;

import org.jspecify.annotations.NullMarked;
