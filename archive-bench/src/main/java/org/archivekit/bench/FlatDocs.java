package org.archivekit.bench;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.lucene.document.BinaryDocValuesField;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field.Store;
import org.apache.lucene.document.IntPoint;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.document.NumericDocValuesField;
import org.apache.lucene.document.SortedDocValuesField;
import org.apache.lucene.document.SortedSetDocValuesField;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.IndexableField;
import org.apache.lucene.util.BytesRef;

/**
 * I1's raw baseline reads its documents from a flat file, as a user of Lucene would feed an {@code IndexWriter}
 * from pre-extracted data, instead of holding a million prepared documents in the heap. Each document is one
 * length-prefixed record of fields: a kind, a field name (by number, from a table at the head of the record when
 * first seen) and the value; {@link #read} builds the same Lucene field classes with the same values, so the raw
 * writer analyses and indexes exactly what the backend's document holds ({@link #same} checks it at export).
 */
final class FlatDocs {
    private static final byte STRING = 1;
    private static final byte STRING_STORED = 2;
    private static final byte TEXT = 3;
    private static final byte TEXT_STORED = 4;
    private static final byte SORTED_DV = 5;
    private static final byte SORTED_SET_DV = 6;
    private static final byte NUMERIC_DV = 7;
    private static final byte INT_POINT = 8;
    private static final byte LONG_POINT = 9;
    private static final byte STORED_STRING = 10;
    private static final byte BINARY_DV = 11;

    private FlatDocs() {}

    /** Writes field names as numbers: the first use of a name carries its text. */
    static final class Writer {
        private final DataOutputStream out;
        private final Map<String, Integer> names = new HashMap<>();
        private final java.io.ByteArrayOutputStream buf = new java.io.ByteArrayOutputStream(4096);
        private final DataOutputStream rec = new DataOutputStream(buf);

        Writer(DataOutputStream out) {
            this.out = out;
        }

        void write(Document d) throws IOException {
            buf.reset();
            List<IndexableField> fields = d.getFields();
            rec.writeShort(fields.size());
            for (IndexableField f : fields) {
                byte kind = kind(f);
                rec.writeByte(kind);
                Integer n = names.get(f.name());
                if (n == null) {
                    n = names.size();
                    names.put(f.name(), n);
                    rec.writeShort(-1 - n);
                    string(f.name());
                } else {
                    rec.writeShort(n);
                }
                switch (kind) {
                    case STRING, STRING_STORED, TEXT, TEXT_STORED, STORED_STRING -> string(f.stringValue());
                    case SORTED_DV, SORTED_SET_DV, BINARY_DV -> {
                        BytesRef b = f.binaryValue();
                        rec.writeInt(b.length);
                        rec.write(b.bytes, b.offset, b.length);
                    }
                    case NUMERIC_DV, LONG_POINT -> rec.writeLong(f.numericValue().longValue());
                    case INT_POINT -> rec.writeInt(f.numericValue().intValue());
                    default -> throw new IllegalStateException("kind " + kind);
                }
            }
            rec.flush();
            out.writeInt(buf.size());
            buf.writeTo(out);
        }

        private void string(String s) throws IOException {
            byte[] b = s.getBytes(StandardCharsets.UTF_8);
            rec.writeInt(b.length);
            rec.write(b);
        }
    }

    private static byte kind(IndexableField f) {
        boolean stored = f.fieldType().stored();
        if (f instanceof StringField) return stored ? STRING_STORED : STRING;
        if (f instanceof TextField) return stored ? TEXT_STORED : TEXT;
        if (f.getClass() == org.apache.lucene.document.Field.class || f.getClass().getName().contains("Analysed")) {
            throw new IllegalArgumentException("unexpected field class " + f.getClass() + " of " + f.name());
        }
        if (f instanceof SortedDocValuesField) return SORTED_DV;
        if (f instanceof SortedSetDocValuesField) return SORTED_SET_DV;
        if (f instanceof BinaryDocValuesField) return BINARY_DV;
        if (f instanceof NumericDocValuesField) return NUMERIC_DV;
        if (f instanceof IntPoint) return INT_POINT;
        if (f instanceof LongPoint) return LONG_POINT;
        if (f instanceof StoredField && f.stringValue() != null) return STORED_STRING;
        throw new IllegalArgumentException("unexpected field class " + f.getClass() + " of " + f.name());
    }

    /** The raw record bytes of the next document, or null at the end; cheap, so callers may hold a lock. */
    static byte[] next(DataInputStream in) throws IOException {
        int len;
        try {
            len = in.readInt();
        } catch (EOFException end) {
            return null;
        }
        byte[] b = new byte[len];
        in.readFully(b);
        return b;
    }

    /** Decodes field names as numbers; one per reading thread (names are shared through {@code names}). */
    static final class Reader {
        private final List<String> names;

        /** {@code names} is shared by every reader of one file, filled in file order by {@link #register}. */
        Reader(List<String> names) {
            this.names = names;
        }

        /**
         * Reads the names a record introduces; must be called in file order (under the lock that hands out
         * records), before {@link #read} decodes the record on any thread.
         */
        static void register(byte[] record, List<String> names) {
            int p = 0;
            int count = u16(record, p);
            p += 2;
            for (int i = 0; i < count; i++) {
                byte kind = record[p++];
                short n = (short) u16(record, p);
                p += 2;
                if (n < 0) {
                    int len = i32(record, p);
                    p += 4;
                    names.add(new String(record, p, len, StandardCharsets.UTF_8));
                    p += len;
                }
                p = skip(kind, record, p);
            }
        }

        private static int skip(byte kind, byte[] r, int p) {
            return switch (kind) {
                case STRING, STRING_STORED, TEXT, TEXT_STORED, STORED_STRING, SORTED_DV, SORTED_SET_DV,
                        BINARY_DV -> p + 4 + i32(r, p);
                case NUMERIC_DV, LONG_POINT -> p + 8;
                case INT_POINT -> p + 4;
                default -> throw new IllegalStateException("kind " + kind);
            };
        }

        Document read(byte[] r) {
            Document d = new Document();
            int p = 0;
            int count = u16(r, p);
            p += 2;
            for (int i = 0; i < count; i++) {
                byte kind = r[p++];
                short n = (short) u16(r, p);
                p += 2;
                String name;
                if (n < 0) {
                    name = names.get(-1 - n);
                    p += 4 + i32(r, p);
                } else {
                    name = names.get(n);
                }
                switch (kind) {
                    case STRING, STRING_STORED, TEXT, TEXT_STORED, STORED_STRING -> {
                        int len = i32(r, p);
                        String v = new String(r, p + 4, len, StandardCharsets.UTF_8);
                        p += 4 + len;
                        d.add(switch (kind) {
                            case STRING -> new StringField(name, v, Store.NO);
                            case STRING_STORED -> new StringField(name, v, Store.YES);
                            case TEXT -> new TextField(name, v, Store.NO);
                            case TEXT_STORED -> new TextField(name, v, Store.YES);
                            default -> new StoredField(name, v);
                        });
                    }
                    case SORTED_DV, SORTED_SET_DV, BINARY_DV -> {
                        int len = i32(r, p);
                        BytesRef b = new BytesRef(r, p + 4, len);
                        p += 4 + len;
                        d.add(kind == SORTED_DV ? new SortedDocValuesField(name, b)
                                : kind == SORTED_SET_DV ? new SortedSetDocValuesField(name, b)
                                : new BinaryDocValuesField(name, b));
                    }
                    case NUMERIC_DV, LONG_POINT -> {
                        long v = i64(r, p);
                        p += 8;
                        d.add(kind == NUMERIC_DV ? new NumericDocValuesField(name, v) : new LongPoint(name, v));
                    }
                    case INT_POINT -> {
                        d.add(new IntPoint(name, i32(r, p)));
                        p += 4;
                    }
                    default -> throw new IllegalStateException("kind " + kind);
                }
            }
            return d;
        }
    }

    /** Whether two documents hold the same fields (class, name, type, value) in the same order. */
    static boolean same(Document a, Document b) {
        List<IndexableField> fa = a.getFields();
        List<IndexableField> fb = b.getFields();
        if (fa.size() != fb.size()) return false;
        for (int i = 0; i < fa.size(); i++) {
            IndexableField x = fa.get(i);
            IndexableField y = fb.get(i);
            if (x.getClass() != y.getClass() || !x.name().equals(y.name())
                    || !x.fieldType().equals(y.fieldType())
                    || !Objects.equals(x.stringValue(), y.stringValue())
                    || !Objects.equals(x.binaryValue(), y.binaryValue())
                    || !Objects.equals(number(x), number(y))) {
                return false;
            }
        }
        return true;
    }

    private static Object number(IndexableField f) {
        Number n = f.numericValue();
        return n == null ? null : n.longValue();
    }

    private static int u16(byte[] b, int p) {
        return ((b[p] & 0xff) << 8) | (b[p + 1] & 0xff);
    }

    private static int i32(byte[] b, int p) {
        return ((b[p] & 0xff) << 24) | ((b[p + 1] & 0xff) << 16) | ((b[p + 2] & 0xff) << 8) | (b[p + 3] & 0xff);
    }

    private static long i64(byte[] b, int p) {
        return ((long) i32(b, p) << 32) | (i32(b, p + 4) & 0xffffffffL);
    }

    /** The name table of one file, shared by its reading threads (appended under the hand-out lock, read freely). */
    static List<String> newNames() {
        return new java.util.concurrent.CopyOnWriteArrayList<>();
    }
}
