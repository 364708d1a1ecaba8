/**
 * Internals of the share module: not API, may change in any release.
 */
@NullMarked
package org.archivekit.share.internal;

import org.jspecify.annotations.NullMarked;
