package org.archivekit.core.model;

import java.util.Optional;

/**
 * 保管期限: how long records are kept, with the DA/T 13 codes.
 *
 * @since 0.1
 */
public enum RetentionPeriod {
    /** 永久, code Y. */
    PERMANENT("Y", "永久", 0),
    /** 定期30年, code D30. */
    YEARS_30("D30", "定期30年", 30),
    /** 定期10年, code D10. */
    YEARS_10("D10", "定期10年", 10);

    private final String code;
    private final String zh;
    private final int years;

    RetentionPeriod(String code, String zh, int years) {
        this.code = code;
        this.zh = zh;
        this.years = years;
    }

    /** The DA/T 13 code: Y, D30 or D10. */
    public String code() {
        return code;
    }

    /** The Chinese label. */
    public String labelZh() {
        return zh;
    }

    /** The number of years kept, or empty for permanent. */
    public Optional<Integer> years() {
        return years == 0 ? Optional.empty() : Optional.of(years);
    }

    /** The period with DA/T 13 code {@code code} (case-insensitive), or empty. */
    public static Optional<RetentionPeriod> fromCode(String code) {
        for (RetentionPeriod p : values()) {
            if (p.code.equalsIgnoreCase(code.trim())) return Optional.of(p);
        }
        return Optional.empty();
    }
}
