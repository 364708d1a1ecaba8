package org.archivekit.core.model;

/**
 * A value with a Chinese and an English label; the model's enums implement it.
 *
 * @since 0.1
 */
public interface Labelled {
    /** The label in both languages. */
    Label label();

    /** The Chinese label, for example 公开 or 案卷. */
    default String labelZh() {
        return label().zh();
    }

    /** The English label, for example Public or File. */
    default String labelEn() {
        return label().en();
    }
}
