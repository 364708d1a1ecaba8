/**
 * JSON-LD with schema.org: descriptions as {@code ArchiveComponent}s held by an {@code ArchiveOrganization}, agents
 * as {@code Person} or {@code Organization}, for search engines and linked-data consumers.
 */
@NullMarked
package org.archivekit.share.jsonld;

import org.jspecify.annotations.NullMarked;
