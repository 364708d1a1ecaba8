/**
 * Digital objects: the files attached to descriptions, kept for the long term in an OCFL 1.1 storage root
 * (content-addressed with SHA-512, every change a new version) and shown only to callers who may see their
 * description. {@link org.archivekit.core.objects.DigitalObjects} attaches, reads, lists, removes, audits and
 * reconciles them; {@link org.archivekit.core.objects.OcflValidation} checks any OCFL object against the
 * specification.
 */
@NullMarked
package org.archivekit.core.objects;

import org.jspecify.annotations.NullMarked;
