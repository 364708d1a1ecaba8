package org.archivekit.core.model;

/**
 * 开放标识: the archive's opening decision for a record. It can only make a record more restrictive:
 * {@link #CONTROLLED} keeps it at least {@link AccessLevel#CAMPUS}, {@link #NOT_OPEN} at least
 * {@link AccessLevel#RESTRICTED}.
 *
 * @since 0.1
 */
public enum OpenStatus implements Labelled {
    /** 开放. */
    OPEN("开放", "Open", AccessLevel.PUBLIC),
    /** 控制使用. */
    CONTROLLED("控制", "Controlled", AccessLevel.CAMPUS),
    /** 不开放. */
    NOT_OPEN("不开放", "Not open", AccessLevel.RESTRICTED);

    private final Label label;
    private final AccessLevel floor;

    OpenStatus(String zh, String en, AccessLevel floor) {
        this.label = new Label(zh, en);
        this.floor = floor;
    }

    @Override
    public Label label() {
        return label;
    }

    /** The least restrictive access level a record with this status may have. */
    public AccessLevel floor() {
        return floor;
    }
}
