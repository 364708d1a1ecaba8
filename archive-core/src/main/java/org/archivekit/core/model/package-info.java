/**
 * The archival domain model: institutions, descriptions at every level (fonds to item), their dates, agents,
 * access elements, retention and digital-object references. Every type is an immutable value.
 */
@NullMarked
package org.archivekit.core.model;

import org.jspecify.annotations.NullMarked;
