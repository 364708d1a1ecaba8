/**
 * The {@code archivekit} command line: one picocli command class per command, a shared {@link
 * org.archivekit.cli.CliContext} for the archive home, and one mapping of exceptions to exit codes (0 ok, 1 failure,
 * 2 bad input, 3 not found). {@link org.archivekit.cli.Main} is the entry point; the commands are documented in
 * {@code docs/cli.md}.
 */
@NullMarked
package org.archivekit.cli;

import org.jspecify.annotations.NullMarked;
