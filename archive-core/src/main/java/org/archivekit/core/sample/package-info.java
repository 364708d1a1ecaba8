/**
 * Deterministic sample data: {@link org.archivekit.core.sample.SampleArchive} generates a realistic, bilingual
 * university archive (fonds, series, files and items, with 民国-era material, mixed carriers and a realistic spread
 * of access levels) as a lazy stream, for demos, tests and benchmarks of any size from 100 to a million items.
 */
@NullMarked
package org.archivekit.core.sample;

import org.jspecify.annotations.NullMarked;
