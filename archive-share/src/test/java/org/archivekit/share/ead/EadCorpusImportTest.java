package org.archivekit.share.ead;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.archivekit.core.Archive;
import org.archivekit.core.access.Principal;
import org.archivekit.core.model.Description;
import org.archivekit.core.model.Level;
import org.junit.jupiter.api.Test;

final class EadCorpusImportTest {

    @Test
    void everyCorpusFileImportsWithoutErrorAndPrintsItsSummary() throws IOException {
        List<Path> files = Corpus.files();
        assertThat(files).hasSizeGreaterThanOrEqualTo(30);
        StringBuilder table = new StringBuilder("\n| file | format | components | per level | skipped |\n"
                + "|---|---|---:|---|---|\n");
        try (Archive archive = Corpus.archive()) {
            for (Path f : files) {
                EadImportResult r = Corpus.importer().importFile(archive, Corpus.ADMIN, f);
                long stored;
                try (var s = archive.descendants(Corpus.ADMIN, r.fonds())) {
                    stored = s.count() + 1;
                }
                assertThat(stored).as(f.toString()).isEqualTo(r.records());
                assertThat(r.perLevel().values().stream().mapToLong(Long::longValue).sum()).isEqualTo(r.records());
                assertThat(r.perLevel().get(Level.FONDS)).isEqualTo(1L);
                table.append("| ").append(Corpus.name(f)).append(" | ").append(r.format().label()).append(" | ")
                        .append(r.records()).append(" | ").append(levels(r.perLevel())).append(" | ")
                        .append(r.skipped().stream().map(EadImportResult.Skipped::toString)
                                .collect(Collectors.joining("; "))).append(" |\n");
            }
        }
        System.out.println(table);
    }

    @Test
    void componentsKeepDocumentOrderAndParentsComeFirst() throws IOException {
        for (Path f : Corpus.files()) {
            java.util.Set<String> seen = new java.util.HashSet<>();
            Corpus.importer().read(f, d -> {
                if (d.parent() != null) assertThat(seen).as(d.id().value()).contains(d.parent().value());
                assertThat(seen.add(d.id().value())).as("unique id " + d.id()).isTrue();
            });
        }
    }

    private static String levels(Map<Level, Long> m) {
        return new TreeMap<>(m).entrySet().stream().map(e -> e.getKey().name().toLowerCase() + " " + e.getValue())
                .collect(Collectors.joining(", "));
    }

    static Description first(Path f) {
        Description[] out = new Description[1];
        Corpus.importer().read(f, d -> {
            if (out[0] == null) out[0] = d;
        });
        return out[0];
    }

    static Principal admin() {
        return Corpus.ADMIN;
    }
}
