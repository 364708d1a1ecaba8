package org.archivekit.core.model;

import jakarta.validation.constraints.Size;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A person, corporate body or family named in a description, with the role it played.
 *
 * @param type person, corporate body or family
 * @param name the authorized form of the name
 * @param role what the agent did for the material
 * @param authorityId an authority identifier (ISNI, VIAF, local), or {@code null}
 * @since 0.1
 */
public record Agent(AgentType type, @Size(max = 1000) String name, AgentRole role,
        @Nullable @Size(max = 500) String authorityId) {
    public Agent {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(role, "role");
        if (name.isBlank()) throw new IllegalArgumentException("agent name is blank");
    }

    /** A creator (形成者) of the given type. */
    public static Agent creator(AgentType type, String name) {
        return new Agent(type, name, AgentRole.CREATOR, null);
    }
}
