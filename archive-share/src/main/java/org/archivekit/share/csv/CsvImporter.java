package org.archivekit.share.csv;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.archivekit.core.Archive;
import org.archivekit.core.InvalidDateException;
import org.archivekit.core.InvalidRequestException;
import org.archivekit.core.InvalidRequestException.Violation;
import org.archivekit.core.StorageException;
import org.archivekit.core.access.Principal;
import org.archivekit.core.model.Access;
import org.archivekit.core.model.AccessLevel;
import org.archivekit.core.model.ArchivalDate;
import org.archivekit.core.model.Description;
import org.archivekit.core.model.DescriptionId;
import org.archivekit.core.model.Extent;
import org.archivekit.core.model.Level;
import org.archivekit.core.model.Location;
import org.archivekit.core.model.ReferenceCode;
import org.archivekit.core.model.Title;
import org.jspecify.annotations.Nullable;

/**
 * Imports a CSV file (the columns of {@code docs/interop.md}, UTF-8, with or without a byte-order mark) as records
 * under an existing parent. A row's {@code parent} may name an earlier row or an existing record; blank means the
 * import's parent.
 *
 * <p>The file is read twice, streaming: first every row is checked and every problem collected, naming its row
 * (the header is row 1) and column; then the good rows go to {@link Archive#importAll} in one atomic batch. By
 * default any problem refuses the whole file ({@link InvalidRequestException} listing all of them) and nothing is
 * stored; with {@link Builder#skipBadRows(boolean)} the bad rows, and rows under them, are left out and reported.
 * Immutable and thread-safe.
 *
 * @since 0.1
 */
public final class CsvImporter {
    private static final Pattern EXTENT = Pattern.compile("([0-9]+(?:\\.[0-9]+)?)\\s*(\\S.*)");
    private static final String SEP = "\\s*\\|\\s*";

    private final DescriptionId parent;
    private final boolean skipBadRows;

    private CsvImporter(Builder b) {
        this.parent = Objects.requireNonNull(b.parent, "parent: call Builder.parent(...)");
        this.skipBadRows = b.skipBadRows;
    }

    /** Starts an importer; the parent is required. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Imports {@code file} under the parent on behalf of {@code actor}.
     *
     * @throws InvalidRequestException listing every problem by row and column (nothing stored), unless bad rows
     *     are skipped
     * @throws org.archivekit.core.NotFoundException when the parent is missing or hidden from {@code actor}
     */
    public CsvImportResult importFile(Archive archive, Principal actor, Path file) {
        Description top = archive.get(actor, parent);
        Checked checked;
        try (Reader in = open(file)) {
            checked = check(in, top, archive.validator());
        } catch (IOException e) {
            throw StorageException.from(e);
        }
        if (!checked.problems.isEmpty() && !skipBadRows) throw new InvalidRequestException(checked.problems);
        long n;
        try (Reader in = open(file)) {
            n = archive.importAll(actor, new Rows(in, top, checked.bad));
        } catch (IOException e) {
            throw StorageException.from(e);
        }
        return new CsvImportResult(n, checked.problems);
    }

    private static Reader open(Path file) throws IOException {
        BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8);
        r.mark(1);
        if (r.read() != '\uFEFF') r.reset();
        return r;
    }

    private record Checked(List<Violation> problems, Set<Integer> bad) {}

    private Checked check(Reader in, Description top, Validator validator) throws IOException {
        List<Violation> problems = new ArrayList<>();
        Set<Integer> bad = new HashSet<>();
        Header h = header(in);
        Map<String, Level> levels = new HashMap<>();
        Set<String> badIds = new HashSet<>();
        List<String> cells;
        int row = 1;
        while ((cells = CsvFormat.readRow(in)) != null) {
            row++;
            if (blank(cells)) continue;
            List<Violation> v = new ArrayList<>();
            Description d = build(h, cells, row, top, levels, v);
            if (d != null) limits(validator, d, row, v);
            String parentId = h.get(cells, "parent");
            if (parentId != null && badIds.contains(parentId)) {
                v.add(new Violation("row " + row + ", column parent", "its parent row was skipped"));
            }
            if (d != null && levels.containsKey(d.id().value())) {
                v.add(new Violation("row " + row + ", column id", "id '" + d.id() + "' appears twice"));
            }
            if (v.isEmpty() && d != null) {
                levels.put(d.id().value(), d.level());
            } else {
                problems.addAll(v);
                bad.add(row);
                String id = h.get(cells, "id");
                if (id != null) badIds.add(id);
            }
        }
        return new Checked(problems, bad);
    }

    private @Nullable Description build(Header h, List<String> cells, int row, Description top,
            Map<String, Level> levels, List<Violation> v) {
        String at = "row " + row + ", column ";
        String idText = h.get(cells, "id");
        String parentText = h.get(cells, "parent");
        DescriptionId parentId = parentText == null ? top.id() : null;
        Level parentLevel = top.level();
        if (parentText != null) {
            if (levels.containsKey(parentText)) {
                parentId = DescriptionId.of(parentText);
                parentLevel = levels.get(parentText);
            } else if (parentText.equals(top.id().value())) {
                parentId = top.id();
            } else {
                v.add(new Violation(at + "parent", "'" + parentText + "' is neither the import's parent nor an"
                        + " earlier row"));
            }
        }
        DescriptionId id = null;
        if (idText == null) {
            id = DescriptionId.of(limit((parentId == null ? top.id() : parentId).value() + ".r" + row));
        } else if (DescriptionId.isValid(idText)) {
            id = DescriptionId.of(idText);
        } else {
            v.add(new Violation(at + "id", "'" + idText + "' must be 1-128 characters of A-Z a-z 0-9 . _ : -"));
        }
        Level level = level(h.get(cells, "level"));
        if (level == null) {
            v.add(new Violation(at + "level", "must be one of fonds, subfonds, series, subseries, file, item (or"
                    + " 全宗, 子全宗, 系列, 子系列, 案卷, 件)"));
        } else if (!parentLevel.mayContain(level)) {
            v.add(new Violation(at + "level", "a " + parentLevel + " cannot hold a " + level));
        }
        String title = h.get(cells, "title");
        if (title == null) v.add(new Violation(at + "title", "is required"));
        String lang = h.get(cells, "title_language");
        if (lang == null && title != null) lang = title.codePoints().anyMatch(c -> Character.UnicodeScript.of(c)
                == Character.UnicodeScript.HAN) ? "zh" : "en";
        List<ArchivalDate> dates = new ArrayList<>();
        String datesText = h.get(cells, "dates");
        if (datesText != null) {
            for (String e : datesText.split(SEP)) {
                try {
                    dates.add(ArchivalDate.parse(e));
                } catch (InvalidDateException ex) {
                    v.add(new Violation(at + "dates", ex.getMessage()));
                }
            }
        }
        List<Extent> extents = new ArrayList<>();
        String extentText = h.get(cells, "extents");
        if (extentText != null) {
            for (String e : extentText.split(SEP)) {
                Matcher m = EXTENT.matcher(e);
                if (m.matches()) extents.add(new Extent(new BigDecimal(m.group(1)), m.group(2).strip()));
                else v.add(new Violation(at + "extents", "'" + e + "' is not a number and a unit, such as 12 件"));
            }
        }
        AccessLevel access = AccessLevel.PUBLIC;
        String accessText = h.get(cells, "access_level");
        if (accessText != null) {
            access = accessLevel(accessText);
            if (access == null) {
                v.add(new Violation(at + "access_level", "must be public, campus, restricted or confidential (or"
                        + " 公开, 校内, 限制, 机密)"));
                access = AccessLevel.PUBLIC;
            }
        }
        LocalDate opening = null;
        String openingText = h.get(cells, "opening_date");
        if (openingText != null) {
            try {
                opening = LocalDate.parse(openingText);
            } catch (DateTimeParseException e) {
                v.add(new Violation(at + "opening_date", "'" + openingText + "' is not a date like 2030-01-01"));
            }
        }
        ReferenceCode code = null;
        String codeText = h.get(cells, "reference_code");
        if (codeText != null) {
            try {
                code = ReferenceCode.of(codeText);
            } catch (IllegalArgumentException e) {
                v.add(new Violation(at + "reference_code", e.getMessage()));
            }
        }
        if (!v.isEmpty() || id == null || level == null || title == null || parentId == null) return null;
        Title t;
        try {
            t = new Title(title, lang);
        } catch (IllegalArgumentException e) {
            v.add(new Violation(at + "title_language", e.getMessage()));
            return null;
        }
        try {
            return Description.builder().id(id).institution(top.institution()).parent(parentId).level(level)
                    .referenceCode(code).title(t).dates(dates).extents(extents)
                    .scopeAndContent(h.get(cells, "scope_and_content"))
                    .subjects(split(h.get(cells, "subjects"))).languages(split(h.get(cells, "languages")))
                    .location(new Location(h.get(cells, "place"), h.get(cells, "container")))
                    .access(Access.of(access).withOpeningDate(opening)).sequence(row).build();
        } catch (IllegalArgumentException e) {
            v.add(new Violation("row " + row, e.getMessage()));
            return null;
        }
    }

    /**
     * The model's limits (the same Bean Validation rules {@link Archive#importAll} applies), each named by row and
     * the column the value came from, so the check finds them rather than the import.
     */
    private static void limits(Validator validator, Description d, int row, List<Violation> v) {
        Set<ConstraintViolation<Description>> found = validator.validate(d);
        if (found.isEmpty()) return;
        List<Violation> sorted = new ArrayList<>();
        for (ConstraintViolation<Description> c : found) {
            sorted.add(new Violation("row " + row + ", column " + column(c.getPropertyPath().toString()),
                    c.getMessage()));
        }
        sorted.sort(java.util.Comparator.comparing(Violation::path).thenComparing(Violation::message));
        v.addAll(sorted);
    }

    /** The CSV column a property path of {@link Description} comes from. */
    static String column(String propertyPath) {
        String p = propertyPath;
        if (p.startsWith("title.language")) return "title_language";
        if (p.startsWith("location.place")) return "place";
        if (p.startsWith("location.container")) return "container";
        int end = 0;
        while (end < p.length() && Character.isLetterOrDigit(p.charAt(end))) end++;
        String field = p.substring(0, end);
        return switch (field) {
            case "referenceCode" -> "reference_code";
            case "scopeAndContent" -> "scope_and_content";
            case "access" -> "access_level";
            case "id", "title", "dates", "extents", "subjects", "languages", "level", "parent" -> field;
            default -> field.isEmpty() ? "?" : field;
        };
    }

    private static String limit(String id) {
        return id.length() <= 128 ? id : id.substring(id.length() - 128).replaceFirst("^[^A-Za-z0-9]+", "");
    }

    private static List<String> split(@Nullable String s) {
        return s == null ? List.of() : List.of(s.split(SEP));
    }

    private static @Nullable Level level(@Nullable String s) {
        if (s == null) return null;
        for (Level l : Level.values()) {
            if (l.name().equalsIgnoreCase(s) || l.labelZh().equals(s)) return l;
        }
        return null;
    }

    private static @Nullable AccessLevel accessLevel(String s) {
        for (AccessLevel l : AccessLevel.values()) {
            if (l.name().equalsIgnoreCase(s) || l.labelZh().equals(s)) return l;
        }
        return null;
    }

    private static boolean blank(List<String> cells) {
        return cells.stream().allMatch(String::isBlank);
    }

    private static Header header(Reader in) throws IOException {
        List<String> names = CsvFormat.readRow(in);
        if (names == null) throw new InvalidRequestException("row 1", "the file is empty; the first row must name"
                + " the columns");
        Map<String, Integer> index = new HashMap<>();
        List<Violation> v = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            String n = names.get(i).strip().toLowerCase(Locale.ROOT);
            if (!CsvFormat.COLUMNS.contains(n)) {
                v.add(new Violation("row 1, column " + (i + 1), "unknown column '" + names.get(i) + "'; known: "
                        + String.join(", ", CsvFormat.COLUMNS)));
            } else if (index.put(n, i) != null) {
                v.add(new Violation("row 1, column " + (i + 1), "column '" + n + "' appears twice"));
            }
        }
        for (String required : List.of("level", "title")) {
            if (!index.containsKey(required)) v.add(new Violation("row 1", "column '" + required + "' is required"));
        }
        if (!v.isEmpty()) throw new InvalidRequestException(v);
        return new Header(index);
    }

    private record Header(Map<String, Integer> index) {
        @Nullable String get(List<String> cells, String column) {
            Integer i = index.get(column);
            if (i == null || i >= cells.size()) return null;
            String v = CsvFormat.restore(cells.get(i).strip());
            return v.isEmpty() ? null : v;
        }
    }

    /** The second pass: the good rows as records, read as importAll pulls them. */
    private final class Rows implements Iterator<Description> {
        private final Reader in;
        private final Description top;
        private final Set<Integer> bad;
        private final Header header;
        private final Map<String, Level> levels = new HashMap<>();
        private @Nullable Description next;
        private int row = 1;

        Rows(Reader in, Description top, Set<Integer> bad) throws IOException {
            this.in = in;
            this.top = top;
            this.bad = bad;
            this.header = header(in);
        }

        @Override
        public boolean hasNext() {
            try {
                List<String> cells;
                while (next == null && (cells = CsvFormat.readRow(in)) != null) {
                    row++;
                    if (blank(cells) || bad.contains(row)) continue;
                    List<Violation> v = new ArrayList<>();
                    next = build(header, cells, row, top, levels, v);
                    if (next == null) throw new InvalidRequestException(v); // the file changed between passes
                    levels.put(next.id().value(), next.level());
                }
            } catch (IOException e) {
                throw StorageException.from(e);
            }
            return next != null;
        }

        @Override
        public Description next() {
            if (!hasNext()) throw new NoSuchElementException();
            Description d = next;
            next = null;
            return d;
        }
    }

    /** Collects the options of a {@link CsvImporter}; not thread-safe. */
    public static final class Builder {
        private @Nullable DescriptionId parent;
        private boolean skipBadRows;

        private Builder() {}

        /** The record the rows go under (required). */
        public Builder parent(DescriptionId parent) {
            this.parent = Objects.requireNonNull(parent, "parent");
            return this;
        }

        /** Whether to import the good rows and report the bad ones instead of refusing the file; default false. */
        public Builder skipBadRows(boolean skip) {
            this.skipBadRows = skip;
            return this;
        }

        /**
         * The importer.
         *
         * @throws IllegalStateException when no parent was given
         */
        public CsvImporter build() {
            if (parent == null) throw new IllegalStateException("a CsvImporter needs parent(...)");
            return new CsvImporter(this);
        }
    }
}
