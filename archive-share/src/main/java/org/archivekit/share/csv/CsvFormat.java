package org.archivekit.share.csv;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** RFC 4180 reading and writing, one record at a time; package-private plumbing. */
final class CsvFormat {
    /** The columns, in order. */
    static final List<String> COLUMNS = List.of("id", "parent", "level", "reference_code", "title",
            "title_language", "dates", "extents", "scope_and_content", "subjects", "languages", "place", "container",
            "access_level", "opening_date");

    private CsvFormat() {}

    /** Reads one record (row) or returns {@code null} at the end; handles quotes, doubled quotes, CRLF. */
    static @Nullable List<String> readRow(Reader in) throws IOException {
        List<String> cells = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        boolean quoted = false;
        boolean any = false;
        while (true) {
            int c = in.read();
            if (c < 0) {
                if (!any) return null;
                if (quoted) throw new IOException("unterminated quoted cell");
                cells.add(cell.toString());
                return cells;
            }
            any = true;
            if (quoted) {
                if (c == '"') {
                    in.mark(1);
                    int d = in.read();
                    if (d == '"') {
                        cell.append('"');
                    } else {
                        quoted = false;
                        if (d >= 0) in.reset();
                    }
                } else {
                    cell.append((char) c);
                }
            } else if (c == '"' && cell.length() == 0) {
                quoted = true;
            } else if (c == ',') {
                cells.add(cell.toString());
                cell.setLength(0);
            } else if (c == '\n') {
                cells.add(cell.toString());
                return cells;
            } else if (c == '\r') {
                in.mark(1);
                if (in.read() != '\n') in.reset();
                cells.add(cell.toString());
                return cells;
            } else {
                cell.append((char) c);
            }
        }
    }

    /** Writes one row, quoting where needed and neutralizing cells a spreadsheet would run as a formula. */
    static void writeRow(Writer out, List<String> cells) throws IOException {
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) out.write(',');
            String v = neutralize(cells.get(i));
            if (v.indexOf(',') >= 0 || v.indexOf('"') >= 0 || v.indexOf('\n') >= 0 || v.indexOf('\r') >= 0) {
                out.write('"');
                out.write(v.replace("\"", "\"\""));
                out.write('"');
            } else {
                out.write(v);
            }
        }
        out.write("\r\n");
    }

    /**
     * A cell starting with {@code = + - @}, tab or carriage return gets a leading apostrophe (OWASP CSV injection),
     * so Excel and LibreOffice show it as text instead of evaluating it.
     */
    static String neutralize(String v) {
        if (v.isEmpty()) return v;
        char c = v.charAt(0);
        return c == '=' || c == '+' || c == '-' || c == '@' || c == '\t' || c == '\r' || c == '\'' ? "'" + v : v;
    }

    /** Undoes {@link #neutralize}. */
    static String restore(String v) {
        return v.length() > 1 && v.charAt(0) == '\'' ? v.substring(1) : v;
    }
}
