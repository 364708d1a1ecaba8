package org.archivekit.core.model;

import org.jspecify.annotations.Nullable;

/**
 * The DA/T 13 segments a reference code (档号) is built from; a segment left {@code null} is left out.
 *
 * @param fondsNumber 全宗号, such as {@code Z109}
 * @param category 档案门类代码 / 类别号, such as {@code WS} (文书) or {@code JX} (教学)
 * @param year 年度
 * @param retention 保管期限
 * @param organisation 机构（问题）代码, such as {@code XZB}
 * @param fileNumber 案卷号
 * @param itemNumber 件号
 * @since 0.1
 */
public record ReferenceCodeParts(
        @Nullable String fondsNumber,
        @Nullable String category,
        @Nullable Integer year,
        @Nullable RetentionPeriod retention,
        @Nullable String organisation,
        @Nullable Integer fileNumber,
        @Nullable Integer itemNumber) {

    /** Parts with only the fonds number set. */
    public static ReferenceCodeParts fonds(String fondsNumber) {
        return new ReferenceCodeParts(fondsNumber, null, null, null, null, null, null);
    }

    /** A copy with the category set. */
    public ReferenceCodeParts category(String c) {
        return new ReferenceCodeParts(fondsNumber, c, year, retention, organisation, fileNumber, itemNumber);
    }

    /** A copy with the year set. */
    public ReferenceCodeParts year(int y) {
        return new ReferenceCodeParts(fondsNumber, category, y, retention, organisation, fileNumber, itemNumber);
    }

    /** A copy with the retention set. */
    public ReferenceCodeParts retention(RetentionPeriod r) {
        return new ReferenceCodeParts(fondsNumber, category, year, r, organisation, fileNumber, itemNumber);
    }

    /** A copy with the organisation code set. */
    public ReferenceCodeParts organisation(String o) {
        return new ReferenceCodeParts(fondsNumber, category, year, retention, o, fileNumber, itemNumber);
    }

    /** A copy with the file number set. */
    public ReferenceCodeParts file(int n) {
        return new ReferenceCodeParts(fondsNumber, category, year, retention, organisation, n, itemNumber);
    }

    /** A copy with the item number set. */
    public ReferenceCodeParts item(int n) {
        return new ReferenceCodeParts(fondsNumber, category, year, retention, organisation, fileNumber, n);
    }
}
