package org.archivekit.core.internal.dates;

/**
 * A run of whole years named as a unit: a decade (1930s, 20世纪30年代) or a century (19th century, 20世纪),
 * optionally narrowed to its early, middle or late part.
 *
 * @param firstYear first year covered
 * @param lastYear last year covered
 * @param approximate whether the bounds are a convention (early / mid / late) rather than stated
 */
record PeriodPoint(int firstYear, int lastYear, boolean approximate) implements Point {

    /** Which part of a decade or century is meant; the early, middle and late thirds, or a half. */
    enum Part {
        /** The first third: 1930–1933 of the 1930s, 1901–1934 of the 20th century. */
        EARLY,
        /** The middle third: 1934–1936 of the 1930s. */
        MID,
        /** The last third: 1937–1939 of the 1930s. */
        LATE,
        /** The first half (上半叶). */
        FIRST_HALF,
        /** The second half (下半叶). */
        SECOND_HALF
    }

    /** The ten years {@code firstYear}..{@code firstYear + 9}. */
    static PeriodPoint decade(int firstYear) {
        return new PeriodPoint(firstYear, firstYear + 9, false);
    }

    /**
     * Century {@code n} counted as historians and 《现代汉语词典》 do: the 20th century (20世纪) is 1901–2000.
     */
    static PeriodPoint century(int n) {
        if (n < 1) throw new UnreadableDateException("century " + n + " does not exist");
        if (n > Span.MAX_YEAR / 100) throw new UnreadableDateException("century " + n + " is out of range");
        return new PeriodPoint((n - 1) * 100 + 1, n * 100, false);
    }

    /** The given part of this period; the result is approximate, since where the parts divide is a convention. */
    PeriodPoint narrow(Part part) {
        int length = lastYear - firstYear + 1;
        int third = length / 3;
        int half = length / 2;
        return switch (part) {
            case EARLY -> new PeriodPoint(firstYear, firstYear + third, true);
            case MID -> new PeriodPoint(firstYear + third + 1, lastYear - third, true);
            case LATE -> new PeriodPoint(lastYear - third + 1, lastYear, true);
            case FIRST_HALF -> new PeriodPoint(firstYear, firstYear + half - 1, true);
            case SECOND_HALF -> new PeriodPoint(firstYear + half, lastYear, true);
        };
    }

    @Override
    public Span toSpan() {
        return Span.years(firstYear, lastYear);
    }
}
