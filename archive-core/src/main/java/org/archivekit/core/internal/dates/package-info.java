/** The date-expression parser behind {@link org.archivekit.core.model.ArchivalDate#parse(String)}; not API. */
@NullMarked
package org.archivekit.core.internal.dates;

import org.jspecify.annotations.NullMarked;
