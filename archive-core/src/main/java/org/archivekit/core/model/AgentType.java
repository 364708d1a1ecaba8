package org.archivekit.core.model;

/**
 * The kind of agent, as ISAAR(CPF) has them.
 *
 * @since 0.1
 */
public enum AgentType {
    /** 个人. */
    PERSON,
    /** 机构/团体. */
    CORPORATE_BODY,
    /** 家族. */
    FAMILY
}
