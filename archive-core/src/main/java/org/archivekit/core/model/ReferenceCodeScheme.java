package org.archivekit.core.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * Builds reference codes (档号) from their DA/T 13 segments; immutable and thread-safe.
 *
 * <p>A scheme is a sequence of segments, each with the separator written before it and, for numbers, a zero-padded
 * width. Segments missing from the parts are left out together with their separator, so one scheme serves every
 * level: the fonds gets {@code Z109}, an item {@code Z109-WS·2011-Y-XZB-0012}.
 *
 * <pre>{@code
 * ReferenceCodeScheme scheme = ReferenceCodeScheme.builder()
 *         .segment(Segment.FONDS_NUMBER).segment("-", Segment.CATEGORY).segment("·", Segment.YEAR)
 *         .segment("-", Segment.RETENTION).segment("-", Segment.ORGANISATION).number("-", Segment.ITEM_NUMBER, 4)
 *         .build();
 * }</pre>
 *
 * @since 0.1
 */
public final class ReferenceCodeScheme {

    /** The DA/T 13 segments. */
    public enum Segment {
        /** 全宗号. */
        FONDS_NUMBER(ReferenceCodeParts::fondsNumber),
        /** 门类代码 / 类别号. */
        CATEGORY(ReferenceCodeParts::category),
        /** 年度. */
        YEAR(p -> p.year() == null ? null : p.year().toString()),
        /** 保管期限 (Y, D30, D10). */
        RETENTION(p -> p.retention() == null ? null : p.retention().code()),
        /** 机构（问题）代码. */
        ORGANISATION(ReferenceCodeParts::organisation),
        /** 案卷号. */
        FILE_NUMBER(p -> p.fileNumber() == null ? null : p.fileNumber().toString()),
        /** 件号. */
        ITEM_NUMBER(p -> p.itemNumber() == null ? null : p.itemNumber().toString());

        private final Function<ReferenceCodeParts, @Nullable String> read;

        Segment(Function<ReferenceCodeParts, @Nullable String> read) {
            this.read = read;
        }
    }

    private record Part(String separator, Segment segment, int width) {}

    /** DA/T 13-2022 item-level form: 全宗号-门类代码·年度-保管期限-机构代码-件号, item number four digits. */
    public static final ReferenceCodeScheme DAT13_ITEM = builder()
            .segment(Segment.FONDS_NUMBER).segment("-", Segment.CATEGORY).segment("·", Segment.YEAR)
            .segment("-", Segment.RETENTION).segment("-", Segment.ORGANISATION)
            .number("-", Segment.ITEM_NUMBER, 4).build();

    /** File-based form: 全宗号-门类代码·年度-保管期限-机构代码-案卷号-件号, both numbers four digits. */
    public static final ReferenceCodeScheme DAT13_FILE = builder()
            .segment(Segment.FONDS_NUMBER).segment("-", Segment.CATEGORY).segment("·", Segment.YEAR)
            .segment("-", Segment.RETENTION).segment("-", Segment.ORGANISATION)
            .number("-", Segment.FILE_NUMBER, 4).number("-", Segment.ITEM_NUMBER, 4).build();

    private final List<Part> parts;

    private ReferenceCodeScheme(List<Part> parts) {
        this.parts = List.copyOf(parts);
    }

    /** Starts a new scheme. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Formats {@code parts}; absent segments are skipped with their separator.
     *
     * @throws IllegalArgumentException when no segment of the scheme is present, or a segment value holds a
     *     separator of the scheme (which would make the code ambiguous)
     */
    public ReferenceCode format(ReferenceCodeParts values) {
        Objects.requireNonNull(values, "values");
        StringBuilder out = new StringBuilder();
        for (Part p : parts) {
            String v = p.segment.read.apply(values);
            if (v == null) continue;
            if (v.isBlank()) throw new IllegalArgumentException(p.segment + " is blank");
            for (Part q : parts) {
                if (!q.separator.isEmpty() && v.contains(q.separator)) {
                    throw new IllegalArgumentException(p.segment + " value '" + v + "' contains separator '"
                            + q.separator + "'");
                }
            }
            if (out.length() > 0) out.append(p.separator);
            if (p.width > 0 && v.length() < p.width) out.append("0".repeat(p.width - v.length()));
            out.append(v);
        }
        if (out.length() == 0) throw new IllegalArgumentException("no segment of the scheme is present");
        return ReferenceCode.of(out.toString());
    }

    /** Collects the segments of a scheme; not thread-safe, used once. */
    public static final class Builder {
        private final List<Part> parts = new ArrayList<>();

        private Builder() {}

        /** Adds the first segment, with no separator before it. */
        public Builder segment(Segment segment) {
            return segment("", segment);
        }

        /** Adds a segment written after {@code separator}. */
        public Builder segment(String separator, Segment segment) {
            return add(separator, segment, 0);
        }

        /** Adds a numeric segment, zero-padded to {@code width} digits. */
        public Builder number(String separator, Segment segment, int width) {
            if (width < 1 || width > 12) throw new IllegalArgumentException("width must be 1-12, got " + width);
            return add(separator, segment, width);
        }

        private Builder add(String separator, Segment segment, int width) {
            Objects.requireNonNull(separator, "separator");
            Objects.requireNonNull(segment, "segment");
            if (parts.stream().anyMatch(p -> p.segment == segment)) {
                throw new IllegalStateException(segment + " is already in the scheme");
            }
            parts.add(new Part(separator, segment, width));
            return this;
        }

        /** The scheme; at least one segment. */
        public ReferenceCodeScheme build() {
            if (parts.isEmpty()) throw new IllegalStateException("a scheme needs at least one segment");
            return new ReferenceCodeScheme(parts);
        }
    }
}
