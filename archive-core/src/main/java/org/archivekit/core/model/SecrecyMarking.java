package org.archivekit.core.model;

/**
 * 密级: the state-secrecy marking of a record. Any marking other than {@link #NONE} makes the record
 * {@link AccessLevel#CONFIDENTIAL}, and no per-record grant lifts it.
 *
 * @since 0.1
 */
public enum SecrecyMarking implements Labelled {
    /** 无: not classified. */
    NONE("无", "None"),
    /** 秘密. */
    SECRET("秘密", "Secret"),
    /** 机密. */
    CLASSIFIED("机密", "Classified"),
    /** 绝密. */
    TOP_SECRET("绝密", "Top secret");

    private final Label label;

    SecrecyMarking(String zh, String en) {
        this.label = new Label(zh, en);
    }

    @Override
    public Label label() {
        return label;
    }

    /** Whether the record carries a marking at all. */
    public boolean isClassified() {
        return this != NONE;
    }
}
