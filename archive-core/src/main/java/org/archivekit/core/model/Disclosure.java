package org.archivekit.core.model;

/**
 * 公开属性: the disclosure attribute recorded when a document is filed (Chinese government-information practice).
 *
 * <p>Descriptive: it is kept and exchanged, but the access decision is made by {@link AccessLevel},
 * {@link OpenStatus}, the secrecy marking, embargo and opening date.
 *
 * @since 0.1
 */
public enum Disclosure implements Labelled {
    /** 主动公开. */
    PROACTIVE("主动公开", "Proactively disclosed"),
    /** 依申请公开. */
    ON_REQUEST("依申请公开", "Disclosed on request"),
    /** 不予公开. */
    WITHHELD("不予公开", "Not disclosed");

    private final Label label;

    Disclosure(String zh, String en) {
        this.label = new Label(zh, en);
    }

    @Override
    public Label label() {
        return label;
    }
}
