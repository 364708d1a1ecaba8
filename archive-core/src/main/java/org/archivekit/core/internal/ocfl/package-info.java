/**
 * The OCFL side of digital objects, on ocfl-java; its types stay in this package and never reach archive-core's
 * API. Not API, may change in any release.
 */
@NullMarked
package org.archivekit.core.internal.ocfl;

import org.jspecify.annotations.NullMarked;
