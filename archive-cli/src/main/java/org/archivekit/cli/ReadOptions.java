package org.archivekit.cli;

import org.archivekit.core.Archive;
import org.archivekit.core.access.Principal;
import picocli.CommandLine.Option;

/** The option of every read command: who reads ({@code --as}). */
final class ReadOptions {
    @Option(names = "--as", paramLabel = "ROLE", defaultValue = "public",
            description = "Read as public, campus, staff or admin (default: ${DEFAULT-VALUE}).")
    Role role = Role.PUBLIC;

    Principal principal(Archive archive) {
        return CliContext.principal(role, archive);
    }
}
