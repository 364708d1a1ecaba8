package org.archivekit.core.model;

/**
 * What an agent did for the material described.
 *
 * @since 0.1
 */
public enum AgentRole {
    /** 形成者 / 立档单位: created or accumulated the records (ISAD(G) 3.2.1). */
    CREATOR("形成者"),
    /** 责任者: author of an item. */
    AUTHOR("责任者"),
    /** 收件人. */
    RECIPIENT("收件人"),
    /** 摄影者. */
    PHOTOGRAPHER("摄影者"),
    /** 捐赠者/征集来源. */
    DONOR("捐赠者"),
    /** 主题人物/机构: the agent is what the material is about. */
    SUBJECT("主题"),
    /** Any other contribution. */
    CONTRIBUTOR("其他责任者");

    private final String zh;

    AgentRole(String zh) {
        this.zh = zh;
    }

    /** The Chinese label. */
    public String labelZh() {
        return zh;
    }
}
