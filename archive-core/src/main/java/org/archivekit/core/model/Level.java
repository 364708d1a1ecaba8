package org.archivekit.core.model;

/**
 * Level of description, from the whole fonds (全宗) down to the single item (件), in ISAD(G) order.
 *
 * <p>The tree rule: a fonds is always a root, and a child's level is never above its parent's (an item holds no
 * file, a file holds no series). Equal levels may nest (a subseries in a subseries, a file in a file), as real
 * finding aids do.
 *
 * @since 0.1
 */
public enum Level implements Labelled {
    /** 全宗: the whole body of records of one creator. */
    FONDS("全宗", "Fonds"),
    /** 子全宗: a subdivision of a fonds, often an office. */
    SUBFONDS("子全宗", "Sub-fonds"),
    /** 类别/系列: records kept together, for example by year and retention. */
    SERIES("系列", "Series"),
    /** 子系列. */
    SUBSERIES("子系列", "Sub-series"),
    /** 案卷: a file unit. */
    FILE("案卷", "File"),
    /** 件: a single item. */
    ITEM("件", "Item");

    private final Label label;

    Level(String zh, String en) {
        this.label = new Label(zh, en);
    }

    @Override
    public Label label() {
        return label;
    }

    /** Whether a record at this level may hold a child at {@code child}'s level. */
    public boolean mayContain(Level child) {
        return child != FONDS && child.ordinal() >= ordinal();
    }

    /** Whether a record at this level may stand without a parent: only a fonds may. */
    public boolean mayBeRoot() {
        return this == FONDS;
    }
}
