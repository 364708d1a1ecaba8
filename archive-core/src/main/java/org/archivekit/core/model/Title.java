package org.archivekit.core.model;

import jakarta.validation.constraints.Size;
import java.util.Objects;

/**
 * A title and its language (a BCP 47 tag such as {@code zh}, {@code zh-Hant} or {@code en}).
 *
 * @param text the title, not blank
 * @param language its language tag
 * @since 0.1
 */
public record Title(@Size(max = 2000) String text, @Size(max = 35) String language) {
    public Title {
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(language, "language");
        if (text.isBlank()) throw new IllegalArgumentException("title is blank");
        if (language.isBlank()) throw new IllegalArgumentException("title language is blank");
    }

    /** A Chinese title. */
    public static Title zh(String text) {
        return new Title(text, "zh");
    }

    /** An English title. */
    public static Title en(String text) {
        return new Title(text, "en");
    }
}
