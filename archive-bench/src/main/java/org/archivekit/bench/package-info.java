/**
 * Benchmarks of ArchiveKit, each reported as a ratio against the raw library underneath (raw SQLite/JDBC, raw
 * Lucene, raw StAX, raw Jackson) measured in the same run, never as timed assertions in unit tests.
 *
 * <p>Run one with {@code mvn -q -B -pl archive-bench -am package -DskipTests} and then
 * {@code java -cp archive-bench/target/... org.archivekit.bench.<Name>}; each benchmark's Javadoc gives its
 * command and its goal.
 */
@NullMarked
package org.archivekit.bench;

import org.jspecify.annotations.NullMarked;
