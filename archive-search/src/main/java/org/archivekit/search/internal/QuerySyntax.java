package org.archivekit.search.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.archivekit.core.InvalidRequestException;
import org.archivekit.search.spi.QueryNode;
import org.archivekit.search.spi.QueryNode.Field;
import org.jspecify.annotations.Nullable;

/**
 * Parses the user query syntax documented on {@code SearchRequest.query()} into a {@link QueryNode}, refusing
 * anything expensive (leading wildcards, regular expressions, too many clauses, deep nesting) with an
 * {@link InvalidRequestException} before any search runs. Parsing is linear in the query length.
 */
public final class QuerySyntax {
    /** The longest query accepted, in characters. */
    public static final int MAX_LENGTH = 500;
    /** The most clauses (words, phrases, ranges) accepted. */
    public static final int MAX_CLAUSES = 32;
    /** The deepest nesting of parentheses accepted. */
    public static final int MAX_DEPTH = 4;

    private static final Map<String, Field> FIELDS = Map.of("title", Field.TITLE, "scope", Field.SCOPE,
            "creator", Field.CREATOR, "subject", Field.SUBJECT, "code", Field.CODE, "context", Field.CONTEXT,
            "标题", Field.TITLE, "档号", Field.CODE, "责任者", Field.CREATOR, "主题", Field.SUBJECT);

    private final String text;
    private int pos;
    private int clauses;

    private QuerySyntax(String text) {
        this.text = text;
    }

    /**
     * Whether {@code node} has plain words (outside reference codes) that forgiving typos could match differently;
     * phrases, prefixes, years and excluded words do not count.
     */
    public static boolean hasWords(QueryNode node) {
        if (node instanceof QueryNode.Bool b) {
            return b.must().stream().anyMatch(QuerySyntax::hasWords)
                    || b.should().stream().anyMatch(QuerySyntax::hasWords);
        }
        return node instanceof QueryNode.Text t && t.field() != QueryNode.Field.CODE;
    }

    /** Parses {@code query}; an empty or blank query matches everything. */
    public static QueryNode parse(String query) {
        if (query.length() > MAX_LENGTH) {
            throw invalid("query is " + query.length() + " characters long; the limit is " + MAX_LENGTH);
        }
        QuerySyntax p = new QuerySyntax(query);
        QueryNode n = p.list(0);
        if (p.pos < p.text.length()) throw invalid("unbalanced ')' at position " + (p.pos + 1));
        return n;
    }

    private QueryNode list(int depth) {
        List<QueryNode> must = new ArrayList<>();
        List<QueryNode> mustNot = new ArrayList<>();
        List<QueryNode> orRun = new ArrayList<>(); // operands joined by OR so far
        boolean pendingOr = false;
        char lastOp = '+';
        while (true) {
            skipSpace();
            if (pos >= text.length() || text.charAt(pos) == ')') break;
            if (word("OR") || text.startsWith("||", pos)) {
                pos += 2;
                if (orRun.isEmpty()) throw invalid("OR needs a word before it");
                pendingOr = true;
                continue;
            }
            if (word("AND") || text.startsWith("&&", pos)) {
                pos += text.startsWith("AND", pos) ? 3 : 2;
                continue;
            }
            char op = '+';
            if (text.charAt(pos) == '+' || text.charAt(pos) == '-') {
                op = text.charAt(pos++);
            } else if (word("NOT")) {
                pos += 3;
                op = '-';
            }
            skipSpace();
            if (pos >= text.length()) throw invalid("'" + op + "' at the end of the query needs a word");
            QueryNode clause = clause(depth);
            if (clause == null) continue;
            if (pendingOr) {
                if (op == '-') throw invalid("OR cannot join a negated clause");
                orRun.add(clause);
                pendingOr = false;
                continue;
            }
            flush(orRun, must, lastOp, mustNot);
            orRun.clear();
            if (op == '-') {
                mustNot.add(clause);
                lastOp = '-';
            } else {
                orRun.add(clause);
                lastOp = '+';
            }
        }
        if (pendingOr) throw invalid("OR at the end needs a word after it");
        flush(orRun, must, lastOp, mustNot);
        if (must.isEmpty() && mustNot.isEmpty()) return new QueryNode.MatchAll();
        if (must.isEmpty()) must.add(new QueryNode.MatchAll());
        if (must.size() == 1 && mustNot.isEmpty()) return must.get(0);
        return new QueryNode.Bool(must, List.of(), mustNot);
    }

    private static void flush(List<QueryNode> run, List<QueryNode> must, char op, List<QueryNode> mustNot) {
        if (run.isEmpty()) return;
        if (run.size() == 1) must.add(run.get(0));
        else must.add(new QueryNode.Bool(List.of(), List.copyOf(run), List.of()));
    }

    private @Nullable QueryNode clause(int depth) {
        char c = text.charAt(pos);
        if (c == '(') {
            if (depth + 1 > MAX_DEPTH) throw invalid("parentheses nest deeper than " + MAX_DEPTH);
            pos++;
            QueryNode inner = list(depth + 1);
            if (pos >= text.length() || text.charAt(pos) != ')') throw invalid("missing ')'");
            pos++;
            return inner;
        }
        if (c == '"') return phrase(Field.ALL);
        int start = pos;
        while (pos < text.length() && !boundary(text.charAt(pos))) pos++;
        String token = text.substring(start, pos);
        if (token.isEmpty()) throw invalid("'+', '-' or NOT at position " + (start + 1) + " needs a word after it");
        int colon = token.indexOf(':');
        if (colon < 0) colon = token.indexOf('：');
        if (colon > 0) {
            String name = token.substring(0, colon).toLowerCase(Locale.ROOT);
            String value = token.substring(colon + 1);
            if (name.equals("year") || name.equals("年")) return years(value);
            Field f = FIELDS.get(name);
            if (f == null) {
                throw invalid("unknown field '" + name + "'; use title, scope, creator, subject, code, context or"
                        + " year");
            }
            if (value.isEmpty()) {
                if (pos < text.length() && text.charAt(pos) == '"') return phrase(f);
                throw invalid("field '" + name + "' needs a value");
            }
            return word(f, value);
        }
        return word(Field.ALL, token);
    }

    private QueryNode word(Field field, String value) {
        if (value.startsWith("*") || value.startsWith("?")) {
            throw invalid("'" + value + "': leading wildcards are not supported");
        }
        if (value.startsWith("/") && value.endsWith("/") && value.length() > 1) {
            throw invalid("'" + value + "': regular expressions are not supported");
        }
        if (value.indexOf('?') >= 0 || value.indexOf('*') >= 0 && value.indexOf('*') < value.length() - 1) {
            throw invalid("'" + value + "': a wildcard may only end a word");
        }
        count();
        if (value.endsWith("*")) {
            String prefix = value.substring(0, value.length() - 1);
            if (prefix.codePointCount(0, prefix.length()) < 2) {
                throw invalid("'" + value + "': a prefix needs at least two characters");
            }
            return new QueryNode.Prefix(field, prefix);
        }
        return new QueryNode.Text(field, value);
    }

    private @Nullable QueryNode phrase(Field field) {
        int end = text.indexOf('"', pos + 1);
        if (end < 0) throw invalid("unclosed '\"' at position " + (pos + 1));
        String inner = text.substring(pos + 1, end);
        pos = end + 1;
        if (inner.isBlank()) return null;
        count();
        return new QueryNode.Phrase(field, inner);
    }

    private QueryNode years(String value) {
        String[] parts = value.split("\\.\\.|-|–|至", -1);
        if (parts.length > 2 || value.isEmpty()) throw invalid("'year:" + value + "': use year:1937 or year:1930..1949");
        try {
            int from = parts[0].isEmpty() ? 0 : Integer.parseInt(parts[0]);
            int to = parts.length == 1 ? from : parts[1].isEmpty() ? 9999 : Integer.parseInt(parts[1]);
            if (from < 0 || to > 9999 || from > to) throw invalid("'year:" + value + "': years run 0-9999, from <= to");
            count();
            return new QueryNode.YearRange(from, to);
        } catch (NumberFormatException e) {
            throw invalid("'year:" + value + "': use year:1937 or year:1930..1949");
        }
    }

    private void count() {
        if (++clauses > MAX_CLAUSES) throw invalid("more than " + MAX_CLAUSES + " clauses");
    }

    private boolean word(String keyword) {
        return text.startsWith(keyword, pos) && (pos + keyword.length() == text.length()
                || Character.isWhitespace(text.charAt(pos + keyword.length())));
    }

    private void skipSpace() {
        while (pos < text.length() && (Character.isWhitespace(text.charAt(pos)) || text.charAt(pos) == '\u3000')) {
            pos++;
        }
    }

    private static boolean boundary(char c) {
        return Character.isWhitespace(c) || c == '\u3000' || c == '(' || c == ')' || c == '"';
    }

    private static InvalidRequestException invalid(String message) {
        return new InvalidRequestException("query", message);
    }
}
