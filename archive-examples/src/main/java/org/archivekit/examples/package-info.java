/**
 * Runnable examples of embedding ArchiveKit, one {@code main()} per feature; {@code ExamplesIT} runs them all so
 * that they keep compiling and working.
 */
@NullMarked
package org.archivekit.examples;

import org.jspecify.annotations.NullMarked;
