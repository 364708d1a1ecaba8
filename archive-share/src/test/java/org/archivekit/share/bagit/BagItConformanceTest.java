package org.archivekit.share.bagit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.archivekit.core.testing.Conformance;
import org.junit.jupiter.api.Test;

/**
 * Every case of the Library of Congress BagIt conformance suite (../shared/conformance/bagit-suite): valid bags
 * accepted, warning bags accepted with a warning, invalid and linux-only bags rejected with a reason. The
 * windows-only cases describe paths that only Windows would resolve and are skipped on other systems.
 */
final class BagItConformanceTest {

    @Test
    void everyCaseIsClassifiedAsTheSuiteSays() throws Exception {
        Path suite = Conformance.require("bagit-suite");
        boolean windows = System.getProperty("os.name").toLowerCase().contains("win");
        Map<String, int[]> tally = new TreeMap<>();
        List<String> wrong = new ArrayList<>();
        try (Stream<Path> versions = Files.list(suite)) {
            for (Path version : versions.filter(Files::isDirectory).sorted().toList()) {
                try (Stream<Path> classes = Files.list(version)) {
                    for (Path kind : classes.filter(Files::isDirectory).sorted().toList()) {
                        String k = kind.getFileName().toString();
                        if (k.equals(windows ? "linux-only" : "windows-only")) continue;
                        try (Stream<Path> bags = Files.list(kind)) {
                            for (Path bag : bags.filter(Files::isDirectory).sorted().toList()) {
                                BagReport r = BagValidator.validate(bag);
                                boolean ok = switch (k) {
                                    case "valid" -> r.isValid();
                                    case "warning" -> r.isValid() && !r.warnings().isEmpty();
                                    default -> !r.isValid();
                                };
                                int[] t = tally.computeIfAbsent(k, x -> new int[2]);
                                t[1]++;
                                if (ok) t[0]++;
                                else wrong.add(suite.relativize(bag) + " " + r);
                                System.out.printf("%-75s %s%n", suite.relativize(bag),
                                        r.isValid() ? "valid" + (r.isComplete() ? "" : " (incomplete)")
                                                + (r.warnings().isEmpty() ? "" : ", warning: " + r.warnings().get(0))
                                                : "invalid: " + r.firstError());
                            }
                        }
                    }
                }
            }
        }
        tally.forEach((k, t) -> System.out.printf("bagit-suite %s: %d/%d%n", k, t[0], t[1]));
        assertThat(wrong).isEmpty();
        assertThat(tally.keySet()).contains("valid", "invalid", "warning", windows ? "windows-only" : "linux-only");
    }
}
