/**
 * What storage backends implement: {@link org.archivekit.core.spi.ArchiveStore} and the
 * {@link org.archivekit.core.spi.HierarchyRules} they check. Every store must pass {@code ArchiveStoreContract}.
 */
@NullMarked
package org.archivekit.core.spi;

import org.jspecify.annotations.NullMarked;
