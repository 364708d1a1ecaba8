/**
 * XML plumbing shared by the formats: a hardened StAX input factory that never loads DTDs, entities, XIncludes or
 * schemas and caps nesting depth, and schema validation against local XSD copies only.
 *
 * <p>Not API: may change in any release.
 */
@NullMarked
package org.archivekit.share.internal.xml;

import org.jspecify.annotations.NullMarked;
