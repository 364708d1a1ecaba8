package org.archivekit.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import org.archivekit.core.RecordView;
import org.archivekit.core.access.Principal;
import org.archivekit.core.model.AccessLevel;
import org.archivekit.core.model.Carrier;
import org.archivekit.core.model.Description;
import org.archivekit.core.model.DescriptionId;
import org.archivekit.core.model.InstitutionCode;
import org.archivekit.core.model.Level;
import org.archivekit.search.ArchiveSearch;
import org.archivekit.search.FacetCount;
import org.archivekit.search.FacetField;
import org.archivekit.search.SearchFilters;
import org.archivekit.search.SearchHit;
import org.archivekit.search.SearchRequest;
import org.archivekit.search.SearchResult;
import org.archivekit.search.SearchSort;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code archivekit search QUERY}: full-text search that shows only what the chosen role may see. */
@Command(name = "search", description = {
    "Search the archive as the chosen role; only records that role may see are counted and shown.",
    "Syntax: words, \"phrases\", +must, -not, a OR b, field:value (title, scope, creator, subject, code,"
            + " context), year:1930..1949, prefix* (two characters at least)."})
final class SearchCommand implements Callable<Integer> {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    @ParentCommand
    private Main main;

    @Mixin
    private ReadOptions read = new ReadOptions();

    @Parameters(index = "0", arity = "0..1", paramLabel = "QUERY", defaultValue = "",
            description = "The query; empty for every record.")
    private String query;

    @Option(names = "--filter", paramLabel = "K=V", description = "Filter (repeatable): institution=, within= (a"
            + " fonds, series or file id), level=, year=1930..1949, creator=, subject=, carrier=, digital=yes|no,"
            + " access= (staff and admin only).")
    private List<String> filters = new ArrayList<>();

    @Option(names = "--sort", paramLabel = "S", defaultValue = "relevance",
            description = "relevance, date, date-desc, code or title (default: ${DEFAULT-VALUE}).")
    private String sort;

    @Option(names = "--limit", paramLabel = "N", defaultValue = "10", description = "Hits per page, 1-1000"
            + " (default: ${DEFAULT-VALUE}).")
    private int limit;

    @Option(names = "--after", paramLabel = "CURSOR", description = "The cursor printed after the previous page.")
    private String after;

    @Option(names = "--facets", description = "Also count the matches by level, carrier, decade, creator and"
            + " subject.")
    private boolean facets;

    @Option(names = "--exact-total", description = "Count every match exactly, however many (slower on a large"
            + " archive); otherwise totals beyond " + ArchiveSearch.DEFAULT_EXACT_TOTAL_UP_TO + " are shown as a lower"
            + " bound, such as 1,000+. Totals with --facets are always exact.")
    private boolean exactTotal;

    @Option(names = "--json", description = "Print the result as JSON (schema archivekit/search@1).")
    private boolean json;

    @Override
    public Integer call() throws JsonProcessingException {
        if (limit < 1 || limit > 1000) throw CliException.badInput("--limit must be 1 to 1000, got " + limit);
        CliContext ctx = main.context();
        SearchRequest.Builder b = SearchRequest.builder(query).filters(parseFilters(filters)).sort(parseSort(sort))
                .limit(limit).after(after).exactTotal(exactTotal);
        if (facets) {
            b.facets(FacetField.LEVEL, FacetField.CARRIER, FacetField.DECADE, FacetField.CREATOR, FacetField.SUBJECT);
        }
        try (SearchHome home = SearchHome.open(ctx, true)) {
            Principal caller = read.principal(home.archive());
            SearchResult r = home.search().search(caller, b.build());
            if (json) ctx.out().println(MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(json(r)));
            else print(ctx.out(), r);
        }
        return ExitCodes.OK;
    }

    static SearchSort parseSort(String s) {
        return switch (s.toLowerCase(Locale.ROOT)) {
            case "relevance" -> SearchSort.RELEVANCE;
            case "date" -> SearchSort.DATE;
            case "date-desc" -> SearchSort.DATE_DESC;
            case "code", "reference-code" -> SearchSort.REFERENCE_CODE;
            case "title" -> SearchSort.TITLE;
            default -> throw CliException.badInput("unknown --sort '" + s + "'; use relevance, date, date-desc, code"
                    + " or title");
        };
    }

    static SearchFilters parseFilters(List<String> filters) {
        SearchFilters.Builder f = SearchFilters.builder();
        for (String kv : filters) {
            int eq = kv.indexOf('=');
            if (eq <= 0) throw CliException.badInput("--filter needs KEY=VALUE, got '" + kv + "'");
            String k = kv.substring(0, eq).toLowerCase(Locale.ROOT);
            String v = kv.substring(eq + 1);
            try {
                switch (k) {
                    case "institution" -> f.institution(InstitutionCode.of(v));
                    case "within", "fonds", "series", "file" -> f.within(DescriptionId.of(v));
                    case "level" -> f.level(Level.valueOf(v.toUpperCase(Locale.ROOT)));
                    case "year", "years" -> {
                        String[] p = v.split("\\.\\.", -1);
                        Integer from = p[0].isEmpty() ? null : Integer.valueOf(p[0]);
                        Integer to = p.length == 1 ? from : p[1].isEmpty() ? null : Integer.valueOf(p[1]);
                        f.years(from, to);
                    }
                    case "creator" -> f.creator(v);
                    case "subject" -> f.subject(v);
                    case "carrier" -> f.carrier(Carrier.valueOf(v.toUpperCase(Locale.ROOT)));
                    case "digital" -> f.hasDigitalObject(switch (v.toLowerCase(Locale.ROOT)) {
                        case "yes", "true" -> Boolean.TRUE;
                        case "no", "false" -> Boolean.FALSE;
                        default -> throw new IllegalArgumentException("use yes or no");
                    });
                    case "access" -> f.accessLevel(AccessLevel.valueOf(v.toUpperCase(Locale.ROOT)));
                    default -> throw CliException.badInput("unknown filter '" + k + "'; use institution, within,"
                            + " level, year, creator, subject, carrier, digital or access");
                }
            } catch (IllegalArgumentException e) {
                throw CliException.badInput("bad --filter '" + kv + "': " + e.getMessage());
            }
        }
        try {
            return f.build();
        } catch (IllegalArgumentException e) {
            throw CliException.badInput("bad --filter: " + e.getMessage());
        }
    }

    private static void print(PrintWriter out, SearchResult r) {
        // beyond the exact-count threshold the total is a lower bound: "1,000+ records"
        out.println(Text.count(r.total()) + (r.totalExact() ? "" : "+")
                + (r.total() == 1 && r.totalExact() ? " record" : " records"));
        for (SearchHit h : r.hits()) {
            RecordView v = h.view();
            Description d = v.description();
            out.println();
            out.println(d.id() + "  " + Text.label(d.level()) + "  " + Text.label(v.effectiveLevel())
                    + (d.referenceCode() == null ? "" : "  " + d.referenceCode().value()));
            List<String> title = h.highlights().get("title");
            out.println("  " + (title == null ? d.title().text() : title.get(0)));
            String dates = d.dates().stream().map(x -> x.expression()).collect(Collectors.joining("; "));
            if (!dates.isEmpty()) out.println("  " + dates);
            if (!v.breadcrumb().isEmpty()) {
                out.println("  " + v.breadcrumb().stream().map(c -> c.title()).collect(Collectors.joining(" › ")));
            }
            List<String> scope = h.highlights().get("scope");
            if (scope != null) scope.forEach(s -> out.println("  … " + s.replace('\n', ' ')));
            for (String field : List.of("creator", "subject", "notes")) {
                List<String> more = h.highlights().get(field);
                if (more != null) more.forEach(s -> out.println("  " + field + ": " + s.replace('\n', ' ')));
            }
        }
        for (Map.Entry<FacetField, List<FacetCount>> e : r.facets().entrySet()) {
            out.println();
            out.println(e.getKey().name().toLowerCase(Locale.ROOT) + ": " + e.getValue().stream()
                    .map(c -> c.value() + " (" + Text.count(c.count()) + ")").collect(Collectors.joining(", ")));
        }
        r.next().ifPresent(n -> {
            out.println();
            out.println("Next page: --after " + n);
        });
    }

    private static ObjectNode json(SearchResult r) throws JsonProcessingException {
        ObjectNode n = MAPPER.createObjectNode();
        n.put("schema", "archivekit/search@1");
        n.put("total", r.total());
        n.put("totalExact", r.totalExact());
        ArrayNode hits = n.putArray("hits");
        for (SearchHit h : r.hits()) {
            ObjectNode o = hits.addObject();
            o.put("score", h.score());
            ObjectNode hl = o.putObject("highlights");
            h.highlights().forEach((k, v) -> {
                ArrayNode a = hl.putArray(k);
                v.forEach(a::add);
            });
            o.set("view", ViewJson.node(h.view()));
        }
        ObjectNode facets = n.putObject("facets");
        r.facets().forEach((k, v) -> {
            ArrayNode a = facets.putArray(k.name().toLowerCase(Locale.ROOT));
            v.forEach(c -> a.addObject().put("value", c.value()).put("count", c.count()));
        });
        if (r.next().isPresent()) n.put("next", r.next().get());
        else n.putNull("next");
        return n;
    }
}
