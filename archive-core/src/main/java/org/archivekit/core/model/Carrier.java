package org.archivekit.core.model;

/**
 * 载体: the carrier of the material described.
 *
 * @since 0.1
 */
public enum Carrier implements Labelled {
    /** 纸质. */
    PAPER("纸质", "Paper"),
    /** 数字化: a digitized copy of analogue material. */
    DIGITIZED("数字化", "Digitized"),
    /** 原生电子. */
    BORN_DIGITAL("原生电子", "Born-digital"),
    /** 照片. */
    PHOTO("照片", "Photograph"),
    /** 录音. */
    AUDIO("录音", "Audio"),
    /** 录像. */
    VIDEO("录像", "Video"),
    /** 其他. */
    OTHER("其他", "Other");

    private final Label label;

    Carrier(String zh, String en) {
        this.label = new Label(zh, en);
    }

    @Override
    public Label label() {
        return label;
    }
}
