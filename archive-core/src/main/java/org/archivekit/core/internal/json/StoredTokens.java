package org.archivekit.core.internal.json;

import com.fasterxml.jackson.core.JsonToken;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;

/**
 * A small strict JSON tokenizer over UTF-8 bytes, for {@link StoredReader}: the calls it makes of a streaming parser,
 * with strings decoded by the JDK's UTF-8 decoder in one call when they hold no escape (the common case, and
 * several times faster than a general parser's character loop for Chinese text).
 *
 * <p>It follows RFC 8259 strictly (no comments, no leading zeros, no control characters in strings, well-formed
 * UTF-8 without overlong forms or encoded surrogates, nothing but white space after the document). On anything
 * else it throws {@link Refused}, and the strict reader, which has the last word, reads the body again. So it may
 * refuse more than the strict reader but never accepts more or reads anything differently.
 */
final class StoredTokens {
    /** Thrown (without a stack) when the bytes are not JSON in the form this tokenizer takes. */
    static final class Refused extends Exception {
        private static final long serialVersionUID = 1L;
        static final Refused INSTANCE = new Refused();

        private Refused() {
            super(null, null, false, false);
        }
    }

    /** The number types {@link StoredReader} tells apart. */
    enum NumberType { INT, LONG, BIG }

    /** Well inside the general parser's own limits (a string of 20,000,000 characters, a number of 1,000). */
    private static final int MAX_STRING = 10_000_000;
    private static final int MAX_NUMBER = 500;

    private final byte[] b;
    private final int end;
    private int pos;

    /** Open containers: true for an object. */
    private boolean[] objects = new boolean[16];
    private int depth;
    /** In the innermost container: nothing read yet (no comma due), and whether a name was just read. */
    private boolean first;
    private boolean afterName;
    private boolean rootDone;

    private JsonToken current;
    private String text;
    private boolean integral;

    /** Names whose text is shared instead of decoded again (see {@link #known}). */
    private final Names names;
    /** The same for the string value being read ({@link #nextTextValue(Names)}); none otherwise. */
    private Names values = Names.NONE;

    StoredTokens(byte[] utf8) {
        this(utf8, Names.NONE);
    }

    /** Tokens of {@code utf8}; a property name spelt as one of {@code names} reads as that very string. */
    StoredTokens(byte[] utf8, Names names) {
        this.b = utf8;
        this.end = utf8.length;
        this.names = names;
    }

    /**
     * A fixed set of ASCII property names, found by their bytes: a body names the same few dozen properties again
     * and again, and handing back the one string of each (its hash already known, equal to a {@code switch} label
     * by identity) saves decoding, hashing and comparing a new string per property. Immutable and shared.
     */
    static final class Names {
        static final Names NONE = new Names();
        private final String[] table;
        private final byte[][] bytes;
        private final int mask;

        private Names(String... names) {
            int size = Integer.highestOneBit(Math.max(4, names.length * 4) - 1) << 1;
            table = new String[size];
            bytes = new byte[size][];
            mask = size - 1;
            for (String n : names) {
                byte[] nb = n.getBytes(StandardCharsets.US_ASCII);
                if (!n.equals(new String(nb, StandardCharsets.ISO_8859_1)) || n.chars().anyMatch(c -> c < 0x20
                        || c == '"' || c == '\\')) {
                    throw new IllegalArgumentException("not a plain ASCII name: " + n);
                }
                int i = slot(n.hashCode());
                while (table[i] != null && !table[i].equals(n)) i = (i + 1) & mask;
                table[i] = n;
                bytes[i] = nb;
            }
        }

        /** The table of {@code names} (plain ASCII, no quote, backslash or control character). */
        static Names of(String... names) {
            return new Names(names);
        }

        private int slot(int hash) {
            return (hash ^ (hash >>> 16)) & mask;
        }

        /**
         * The name whose ASCII bytes are {@code b[from..from+len)}, or null; {@code hash} is
         * {@code String.hashCode} of those bytes read as characters.
         */
        @org.jspecify.annotations.Nullable String find(byte[] b, int from, int len, int hash) {
            for (int i = slot(hash); table[i] != null; i = (i + 1) & mask) {
                byte[] nb = bytes[i];
                if (nb.length == len && java.util.Arrays.equals(nb, 0, len, b, from, from + len)) return table[i];
            }
            return null;
        }
    }

    private static Refused refused() {
        return Refused.INSTANCE;
    }

    JsonToken currentToken() {
        return current;
    }

    /** The text of the current name, string or number. */
    String getText() {
        return text;
    }

    /** The next name in the current object, or null (with the current token set) when something else comes. */
    String nextFieldName() throws Refused {
        return nextToken() == JsonToken.FIELD_NAME ? text : null;
    }

    /** The next value if it is a string, else null (with the current token set). */
    String nextTextValue() throws Refused {
        return nextToken() == JsonToken.VALUE_STRING ? text : null;
    }

    /** As {@link #nextTextValue()}; a string spelt as one of {@code known} reads as that very string. */
    String nextTextValue(Names known) throws Refused {
        values = known;
        try {
            return nextToken() == JsonToken.VALUE_STRING ? text : null;
        } finally {
            values = Names.NONE;
        }
    }

    /** The next token, or null at the end of the input after the document. */
    JsonToken nextToken() throws Refused {
        skipSpace();
        if (depth == 0) {
            if (rootDone) {
                if (pos != end) throw refused(); // content after the document
                return current = null;
            }
            rootDone = true;
            return current = value();
        }
        if (objects[depth - 1]) {
            if (afterName) {
                if (pos >= end || b[pos] != ':') throw refused();
                pos++;
                skipSpace();
                afterName = false;
                return current = value();
            }
            if (pos >= end) throw refused();
            if (b[pos] == '}') {
                pos++;
                pop();
                return current = JsonToken.END_OBJECT;
            }
            if (!first) {
                if (b[pos] != ',') throw refused();
                pos++;
                skipSpace();
            }
            if (pos >= end || b[pos] != '"') throw refused();
            pos++;
            text = known(names);
            first = false;
            afterName = true;
            return current = JsonToken.FIELD_NAME;
        }
        if (pos >= end) throw refused();
        if (b[pos] == ']') {
            pos++;
            pop();
            return current = JsonToken.END_ARRAY;
        }
        if (!first) {
            if (b[pos] != ',') throw refused();
            pos++;
            skipSpace();
        }
        return current = value();
    }

    private void pop() {
        depth--;
        first = false; // the container just closed was a value of the one around it
        afterName = false;
    }

    private JsonToken value() throws Refused {
        if (pos >= end) throw refused();
        first = false;
        byte c = b[pos];
        switch (c) {
            case '{' -> {
                pos++;
                push(true);
                return JsonToken.START_OBJECT;
            }
            case '[' -> {
                pos++;
                push(false);
                return JsonToken.START_ARRAY;
            }
            case '"' -> {
                pos++;
                text = values == Names.NONE ? string() : known(values);
                return JsonToken.VALUE_STRING;
            }
            case 't' -> {
                literal("true");
                return JsonToken.VALUE_TRUE;
            }
            case 'f' -> {
                literal("false");
                return JsonToken.VALUE_FALSE;
            }
            case 'n' -> {
                literal("null");
                return JsonToken.VALUE_NULL;
            }
            default -> {
                return number();
            }
        }
    }

    private void push(boolean object) {
        if (depth == objects.length) objects = java.util.Arrays.copyOf(objects, depth * 2);
        objects[depth++] = object;
        first = true;
        afterName = false;
    }

    private void literal(String word) throws Refused {
        int n = word.length();
        if (pos + n > end) throw refused();
        for (int i = 0; i < n; i++) if (b[pos + i] != word.charAt(i)) throw refused();
        pos += n;
        if (pos < end && isWordByte(b[pos])) throw refused(); // "truex"
    }

    private static boolean isWordByte(byte c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c < 0 || c == '_'
                || c == '.' || c == '-' || c == '+';
    }

    private void skipSpace() {
        while (pos < end) {
            byte c = b[pos];
            if (c != ' ' && c != '\n' && c != '\r' && c != '\t') return;
            pos++;
        }
    }

    // ---- strings ----------------------------------------------------------------------------------------------

    /**
     * The string starting at {@code pos} (after its opening quote); leaves {@code pos} after the closing one. The
     * scan looks only for the quote, a backslash and control bytes (no byte of a multi-byte UTF-8 sequence can be
     * one of them); the JDK's decoder, which replaces every malformed sequence by U+FFFD, then decodes, and only a
     * string with a U+FFFD in it has its bytes checked one sequence at a time.
     */
    private String string() throws Refused {
        int start = pos;
        int i = pos;
        byte[] b = this.b;
        int c;
        while (i < end && (c = b[i]) != '"' && c != '\\' && (c < 0 || c >= 0x20)) i++;
        if (i >= end) throw refused();
        if (b[i] != '"') {
            if (b[i] == '\\') return escapedString(start, i);
            throw refused(); // a control character
        }
        if (i - start > MAX_STRING) throw refused();
        pos = i + 1;
        String s = new String(b, start, i - start, StandardCharsets.UTF_8);
        if (s.indexOf('\uFFFD') >= 0) checkUtf8(start, i);
        return s;
    }

    /**
     * A string starting at {@code pos} (after its opening quote): one of {@code names} when its bytes spell it (no
     * escape), else decoded as any string is.
     */
    private String known(Names names) throws Refused {
        int i = pos;
        int h = 0;
        byte[] b = this.b;
        int c;
        while (i < end && (c = b[i]) != '"' && c != '\\' && c >= 0x20) { // ASCII only: the names are
            h = 31 * h + c;
            i++;
        }
        if (i < end && b[i] == '"') {
            String known = names.find(b, pos, i - pos, h);
            if (known != null) {
                pos = i + 1;
                return known;
            }
        }
        return string();
    }

    /** Refuses malformed UTF-8 between {@code from} and {@code to}. */
    private void checkUtf8(int from, int to) throws Refused {
        for (int i = from; i < to; ) {
            if (b[i] >= 0) i++;
            else i = utf8Sequence(i);
        }
    }

    /** Checks the multi-byte UTF-8 sequence at {@code i}; returns the index after it. */
    private int utf8Sequence(int i) throws Refused {
        int c = b[i] & 0xFF;
        int n;
        int lo = 0x80;
        int hi = 0xBF;
        if (c >= 0xC2 && c <= 0xDF) {
            n = 1;
        } else if (c >= 0xE0 && c <= 0xEF) {
            n = 2;
            if (c == 0xE0) lo = 0xA0; // no overlong form
            if (c == 0xED) hi = 0x9F; // no encoded surrogate
        } else if (c >= 0xF0 && c <= 0xF4) {
            n = 3;
            if (c == 0xF0) lo = 0x90;
            if (c == 0xF4) hi = 0x8F; // nothing above U+10FFFF
        } else {
            throw refused();
        }
        if (i + n >= end) throw refused();
        int second = b[i + 1] & 0xFF;
        if (second < lo || second > hi) throw refused();
        for (int k = 2; k <= n; k++) {
            int cont = b[i + k] & 0xFF;
            if (cont < 0x80 || cont > 0xBF) throw refused();
        }
        return i + n + 1;
    }

    /** A string with escapes: decoded piece by piece from {@code start}, the first backslash at {@code i}. */
    private String escapedString(int start, int i) throws Refused {
        StringBuilder sb = new StringBuilder(i - start + 16);
        int from = start;
        while (true) {
            if (i >= end) throw refused();
            int c = b[i];
            if (c == '"') {
                if (i - start > MAX_STRING) throw refused();
                piece(sb, from, i);
                pos = i + 1;
                return sb.toString();
            }
            if (c == '\\') {
                piece(sb, from, i);
                if (i + 1 >= end) throw refused();
                byte e = b[i + 1];
                i += 2;
                switch (e) {
                    case '"' -> sb.append('"');
                    case '\\' -> sb.append('\\');
                    case '/' -> sb.append('/');
                    case 'b' -> sb.append('\b');
                    case 'f' -> sb.append('\f');
                    case 'n' -> sb.append('\n');
                    case 'r' -> sb.append('\r');
                    case 't' -> sb.append('\t');
                    case 'u' -> {
                        if (i + 4 > end) throw refused();
                        int v = 0;
                        for (int k = 0; k < 4; k++) v = v * 16 + hex(b[i + k]);
                        sb.append((char) v);
                        i += 4;
                    }
                    default -> throw refused();
                }
                from = i;
            } else if (c >= 0 && c < 0x20) {
                throw refused();
            } else {
                i++;
            }
        }
    }

    private void piece(StringBuilder sb, int from, int to) throws Refused {
        String s = new String(b, from, to - from, StandardCharsets.UTF_8);
        if (s.indexOf('\uFFFD') >= 0) checkUtf8(from, to);
        sb.append(s);
    }

    private static int hex(byte c) throws Refused {
        if (c >= '0' && c <= '9') return c - '0';
        if (c >= 'a' && c <= 'f') return c - 'a' + 10;
        if (c >= 'A' && c <= 'F') return c - 'A' + 10;
        throw refused();
    }

    // ---- numbers ----------------------------------------------------------------------------------------------

    private JsonToken number() throws Refused {
        int start = pos;
        if (pos < end && b[pos] == '-') pos++;
        if (pos >= end) throw refused();
        if (b[pos] == '0') {
            pos++;
        } else if (b[pos] >= '1' && b[pos] <= '9') {
            while (pos < end && b[pos] >= '0' && b[pos] <= '9') pos++;
        } else {
            throw refused();
        }
        integral = true;
        if (pos < end && b[pos] == '.') {
            integral = false;
            pos++;
            digits();
        }
        if (pos < end && (b[pos] == 'e' || b[pos] == 'E')) {
            integral = false;
            pos++;
            if (pos < end && (b[pos] == '+' || b[pos] == '-')) pos++;
            digits();
        }
        if (pos < end && isWordByte(b[pos])) throw refused();
        if (pos - start > MAX_NUMBER) throw refused();
        text = new String(b, start, pos - start, StandardCharsets.US_ASCII);
        return integral ? JsonToken.VALUE_NUMBER_INT : JsonToken.VALUE_NUMBER_FLOAT;
    }

    private void digits() throws Refused {
        int from = pos;
        while (pos < end && b[pos] >= '0' && b[pos] <= '9') pos++;
        if (pos == from) throw refused();
    }

    /** The type of the current integral number. */
    NumberType getNumberType() {
        try {
            long v = Long.parseLong(text);
            return v == (int) v ? NumberType.INT : NumberType.LONG;
        } catch (NumberFormatException e) {
            return NumberType.BIG;
        }
    }

    int getIntValue() {
        return Integer.parseInt(text);
    }

    long getLongValue() {
        return Long.parseLong(text);
    }

    BigDecimal getDecimalValue() {
        return new BigDecimal(text);
    }
}
