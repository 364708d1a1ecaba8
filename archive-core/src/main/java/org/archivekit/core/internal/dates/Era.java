package org.archivekit.core.internal.dates;

/**
 * A Chinese era whose years are counted from its first year (元年): the Republic (民国) and the late Qing reigns.
 *
 * <p>民国 follows the Gregorian calendar, so its months and days convert exactly. The Qing reigns count lunar
 * years; their months and days are lunisolar and are not converted day by day (see {@link CalendarPoint}).
 */
enum Era {
    /** The Republic of China, 民国元年 = 1912; open-ended (the count is still in use in Taiwan). */
    MINGUO("民国", 1912, Integer.MAX_VALUE, false),
    /** 宣统, the last Qing reign: 1909–1911, three years. */
    XUANTONG("宣统", 1909, 3, true),
    /** 光绪: 1875–1908, thirty-four years. */
    GUANGXU("光绪", 1875, 34, true),
    /** 同治: 1862–1874, thirteen years. */
    TONGZHI("同治", 1862, 13, true),
    /** 咸丰: 1851–1861, eleven years. */
    XIANFENG("咸丰", 1851, 11, true);

    /** Regular-expression alternatives for an era name, with the optional 中华 / 清 / 大清 prefixes. */
    static final String PATTERN = "(?:中华)?民国|(?:大?清)?(?:光绪|宣统|同治|咸丰)";

    private final String label;
    private final int firstYear;
    private final int length;
    private final boolean lunar;

    Era(String label, int firstYear, int length, boolean lunar) {
        this.label = label;
        this.firstYear = firstYear;
        this.length = length;
        this.lunar = lunar;
    }

    /** The era named in {@code text}, which matched {@link #PATTERN}. */
    static Era named(String text) {
        for (Era era : values()) {
            if (text.endsWith(era.label)) return era;
        }
        throw new UnreadableDateException("unknown era " + text);
    }

    /** The era's name in simplified characters, as used in messages. */
    String label() {
        return label;
    }

    /** Whether months and days in this era are lunisolar (the Qing reigns) rather than Gregorian (民国). */
    boolean lunar() {
        return lunar;
    }

    /** The Gregorian year that conventionally corresponds to year {@code n} of this era. */
    int toGregorian(int n) {
        if (n < 1) {
            throw new UnreadableDateException(
                    label + " year " + n + " does not exist (" + label + "元年 is " + firstYear + ")");
        }
        if (n > length) {
            int lastYear = firstYear + length - 1;
            throw new UnreadableDateException(label + " year " + n + " does not exist: " + label + " ended in its year "
                    + length + " (" + lastYear + ")");
        }
        return firstYear + n - 1;
    }
}
