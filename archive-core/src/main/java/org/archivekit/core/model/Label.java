package org.archivekit.core.model;

import java.util.Locale;
import java.util.Objects;

/**
 * A label in Chinese and English, such as 公开 / Public.
 *
 * @param zh the Chinese label
 * @param en the English label
 * @since 0.1
 */
public record Label(String zh, String en) {
    public Label {
        Objects.requireNonNull(zh, "zh");
        Objects.requireNonNull(en, "en");
    }

    /** The label for {@code locale}: Chinese for any {@code zh} locale, English otherwise. */
    public String in(Locale locale) {
        return "zh".equals(locale.getLanguage()) ? zh : en;
    }

    /** Both, as {@code 公开 Public}. */
    @Override
    public String toString() {
        return zh + " " + en;
    }
}
