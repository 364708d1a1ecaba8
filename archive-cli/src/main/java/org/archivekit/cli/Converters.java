package org.archivekit.cli;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;
import org.archivekit.core.model.DescriptionId;
import org.archivekit.core.model.Level;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Reads option and argument values, with messages that say what was expected. */
final class Converters {
    private Converters() {}

    /** A description id; a malformed one names the allowed form. */
    static final class Id implements ITypeConverter<DescriptionId> {
        @Override
        public DescriptionId convert(String value) {
            if (!DescriptionId.isValid(value)) {
                throw new TypeConversionException("malformed id '" + value + "': expected 1-128 characters of A-Z a-z"
                        + " 0-9 . _ : - starting with a letter or digit");
            }
            return DescriptionId.of(value);
        }
    }

    /** A level of description by English name (any case) or Chinese label (全宗, 案卷, 件 …). */
    static final class LevelName implements ITypeConverter<Level> {
        @Override
        public Level convert(String value) {
            for (Level l : Level.values()) {
                if (l.name().equalsIgnoreCase(value) || l.labelZh().equals(value)
                        || l.labelEn().equalsIgnoreCase(value)) {
                    return l;
                }
            }
            throw new TypeConversionException("unknown level '" + value + "': expected one of "
                    + Arrays.stream(Level.values()).map(l -> l.name().toLowerCase(Locale.ROOT) + " (" + l.labelZh()
                            + ")").collect(Collectors.joining(", ")));
        }
    }
}
