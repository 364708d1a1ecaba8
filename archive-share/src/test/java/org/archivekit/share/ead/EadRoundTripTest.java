package org.archivekit.share.ead;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.lang.reflect.RecordComponent;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import javax.xml.validation.Schema;
import org.archivekit.core.Archive;
import org.archivekit.core.model.Description;
import org.archivekit.share.internal.xml.LocalSchemas;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Import → export → import over the whole corpus: schema-valid exports and the same model, field by field. */
final class EadRoundTripTest {
    private static Schema ead3;
    private static Schema ead2002;

    @BeforeAll
    static void schemas() {
        LocalSchemas s = new LocalSchemas(Corpus.schemas());
        ead3 = s.ead3();
        ead2002 = s.ead2002();
    }

    @Test
    void everyCorpusFileExportsValidEad3AndEad2002AndRoundTripsFieldByField() throws IOException {
        StringBuilder table = new StringBuilder("\n| file | records | EAD3 valid | EAD 2002 valid | round trip"
                + " identical | differing fields |\n|---|---:|---|---|---:|---|\n");
        int valid3 = 0;
        int valid2002 = 0;
        List<String> failures = new ArrayList<>();
        List<Path> files = Corpus.files();
        for (Path f : files) {
            List<Description> first = new ArrayList<>();
            EadImportResult r = Corpus.importer().read(f, first::add);
            byte[] ead3Bytes;
            byte[] ead2002Bytes;
            try (Archive archive = Corpus.archive()) {
                Corpus.importer().importFile(archive, Corpus.ADMIN, f);
                ead3Bytes = export(archive, r, EadExporter.Flavour.EAD3);
                ead2002Bytes = export(archive, r, EadExporter.Flavour.EAD2002);
            }
            List<String> errors3 = LocalSchemas.validate(ead3, new ByteArrayInputStream(ead3Bytes));
            List<String> errors2002 = LocalSchemas.validate(ead2002, new ByteArrayInputStream(ead2002Bytes));
            if (errors3.isEmpty()) valid3++;
            else failures.add(Corpus.name(f) + " EAD3: " + errors3.subList(0, Math.min(3, errors3.size())));
            if (errors2002.isEmpty()) valid2002++;
            else failures.add(Corpus.name(f) + " EAD2002: " + errors2002.subList(0, Math.min(3, errors2002.size())));

            List<Description> second = new ArrayList<>();
            Corpus.importer().read(new ByteArrayInputStream(ead3Bytes), "export of " + f.getFileName(), "x",
                    second::add);
            Map<String, Integer> diffs = new TreeMap<>();
            int identical = 0;
            for (int i = 0; i < Math.max(first.size(), second.size()); i++) {
                if (i >= first.size() || i >= second.size()) {
                    diffs.merge("<record count>", 1, Integer::sum);
                    continue;
                }
                List<String> d = differences(first.get(i), second.get(i));
                if (d.isEmpty()) identical++;
                d.forEach(field -> diffs.merge(field, 1, Integer::sum));
            }
            if (!diffs.isEmpty()) failures.add(Corpus.name(f) + " round trip differs: " + diffs + " e.g. "
                    + example(first, second));
            table.append("| ").append(Corpus.name(f)).append(" | ").append(first.size()).append(" | ")
                    .append(errors3.isEmpty() ? "yes" : "NO").append(" | ")
                    .append(errors2002.isEmpty() ? "yes" : "NO").append(" | ").append(identical).append("/")
                    .append(first.size()).append(" | ").append(diffs.isEmpty() ? "none" : diffs).append(" |\n");
        }
        table.append("\nEAD3 exports valid: ").append(valid3).append("/").append(files.size())
                .append("; EAD 2002 exports valid: ").append(valid2002).append("/").append(files.size());
        System.out.println(table);
        failures.replaceAll(x -> x.length() > 400 ? x.substring(0, 400) + "…" : x);
        assertThat(failures).isEmpty();
    }

    private static byte[] export(Archive archive, EadImportResult r, EadExporter.Flavour flavour) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        long n = EadExporter.builder().flavour(flavour).build().export(archive, Corpus.ADMIN, r.fonds(), out);
        assertThat(n).isEqualTo(r.records());
        return out.toByteArray();
    }

    static List<String> differences(Description a, Description b) {
        List<String> out = new ArrayList<>();
        for (RecordComponent c : Description.class.getRecordComponents()) {
            try {
                Object x = c.getAccessor().invoke(a);
                Object y = c.getAccessor().invoke(b);
                if (!java.util.Objects.equals(x, y)) out.add(c.getName());
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(e);
            }
        }
        return out;
    }

    private static String example(List<Description> first, List<Description> second) {
        for (int i = 0; i < Math.min(first.size(), second.size()); i++) {
            List<String> d = differences(first.get(i), second.get(i));
            if (!d.isEmpty()) {
                String field = d.get(0);
                try {
                    var acc = Description.class.getMethod(field);
                    if (field.equals("customFields")) {
                        Map<String, String> x = first.get(i).customFields();
                        Map<String, String> y = second.get(i).customFields();
                        java.util.Set<String> keys = new java.util.TreeSet<>(x.keySet());
                        keys.addAll(y.keySet());
                        keys.removeIf(k -> java.util.Objects.equals(x.get(k), y.get(k)));
                        String k = keys.iterator().next();
                        return first.get(i).id() + ".customFields[" + k + "]: " + x.get(k) + " <> " + y.get(k);
                    }
                    return first.get(i).id() + "." + field + ": " + acc.invoke(first.get(i)) + " <> "
                            + acc.invoke(second.get(i));
                } catch (ReflectiveOperationException e) {
                    throw new IllegalStateException(e);
                }
            }
        }
        return "";
    }
}
