package org.archivekit.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Runs the command line in-process, capturing what it prints. */
final class Cli {
    private Cli() {}

    /** What one run printed and how it ended. */
    record Result(int exitCode, String out, String err) {
        List<String> lines() {
            return out.lines().toList();
        }
    }

    static Result run(Path home, String... args) {
        List<String> all = new ArrayList<>(List.of("--home", home.toString()));
        all.addAll(List.of(args));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.commandLine(false).setOut(new PrintWriter(out, true)).setErr(new PrintWriter(err, true))
                .execute(all.toArray(String[]::new));
        return new Result(code, out.toString(), err.toString());
    }

    /** Two items of a demo home: the first published public one and the first confidential one. */
    record DemoItems(String publicItem, String hiddenItem) {}

    /** Fills {@code home} with the 300-item demo (seed 9) and picks its {@link DemoItems}. */
    static DemoItems demo(Path home) throws Exception {
        if (run(home, "demo", "--items", "300", "--seed", "9").exitCode() != 0) {
            throw new AssertionError("the demo failed in " + home);
        }
        ObjectMapper json = new ObjectMapper();
        String publicItem = null;
        String hiddenItem = null;
        for (String line : run(home, "list", "--level", "item", "--as", "admin", "--json", "--limit", "0").lines()) {
            JsonNode n = json.readTree(line);
            boolean published = n.at("/record/status").asText().equals("PUBLISHED");
            String level = n.get("effectiveLevel").asText();
            if (publicItem == null && published && level.equals("PUBLIC")) publicItem = n.at("/record/id").asText();
            if (hiddenItem == null && level.equals("CONFIDENTIAL")) hiddenItem = n.at("/record/id").asText();
        }
        if (publicItem == null || hiddenItem == null) throw new AssertionError("the demo lacks a public or hidden item");
        return new DemoItems(publicItem, hiddenItem);
    }
}
