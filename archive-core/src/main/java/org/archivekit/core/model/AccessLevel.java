package org.archivekit.core.model;

/**
 * The SDK's decision level: who may see a record, from everyone to administrators only; ordered from the least
 * to the most restrictive.
 *
 * @since 0.1
 */
public enum AccessLevel implements Labelled {
    /** 公开: anyone, including anonymous visitors. */
    PUBLIC("公开", "Public"),
    /** 校内: members of the owning institution's campus. */
    CAMPUS("校内", "Campus"),
    /** 限制: archive staff. */
    RESTRICTED("限制", "Restricted"),
    /** 机密: staff with confidential clearance and administrators. */
    CONFIDENTIAL("机密", "Confidential");

    private final Label label;

    AccessLevel(String zh, String en) {
        this.label = new Label(zh, en);
    }

    @Override
    public Label label() {
        return label;
    }

    /** Whether this level is at least as restrictive as {@code other}. */
    public boolean isAtLeast(AccessLevel other) {
        return compareTo(other) >= 0;
    }

    /** The more restrictive of the two. */
    public static AccessLevel strictest(AccessLevel a, AccessLevel b) {
        return a.compareTo(b) >= 0 ? a : b;
    }
}
