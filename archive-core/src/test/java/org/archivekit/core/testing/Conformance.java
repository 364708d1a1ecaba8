package org.archivekit.core.testing;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Finds {@code ../shared/conformance} (schemas, EAD corpus, BagIt and OCFL suites) for the tests that read it in
 * place.
 *
 * <p>The path comes from the system property {@code archivekit.conformance}, which {@code .ci/run} sets; a relative
 * path is resolved against the repository root ({@code archivekit.root}, set by the parent pom), not the module's
 * directory. When the property is absent, or names a folder that is not there, tests that need the suite are
 * skipped with a message; under CI (environment {@code CI=true}, as CI runs {@code .ci/run}) a missing folder is an
 * error instead, so that CI never passes without running them.
 */
public final class Conformance {
    /** The system property naming the conformance folder. */
    public static final String PROPERTY = "archivekit.conformance";

    private Conformance() {}

    /** The conformance folder, or empty when the property is not set. */
    public static Optional<Path> root() {
        String value = System.getProperty(PROPERTY, "").trim();
        if (value.isEmpty()) return Optional.empty();
        Path p = Path.of(value);
        if (!p.isAbsolute()) {
            String base = System.getProperty("archivekit.root", "").trim();
            p = (base.isEmpty() ? Path.of("").toAbsolutePath() : Path.of(base)).resolve(p);
        }
        p = p.normalize();
        if (!Files.isDirectory(p)) {
            String problem = PROPERTY + " is set to '" + value + "', but " + p + " is not a directory";
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                throw new IllegalStateException(problem + "; CI must run the conformance tests");
            }
            System.err.println("conformance tests skipped: " + problem);
            return Optional.empty();
        }
        return Optional.of(p);
    }

    /**
     * The folder {@code relative} inside the conformance suite; skips the calling test, with a message, when the
     * suite is not configured.
     */
    public static Path require(String relative) {
        Optional<Path> root = root();
        assumeTrue(root.isPresent(), () -> "skipped: set -D" + PROPERTY
                + "=../shared/conformance (the folder beside the repository) to run the conformance tests");
        Path p = root.get().resolve(relative);
        if (!Files.exists(p)) throw new IllegalStateException("conformance material " + p + " is missing");
        return p;
    }
}
