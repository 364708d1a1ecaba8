package org.archivekit.core.model;

import jakarta.validation.constraints.Size;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * An institution holding archives: a university archive, a library or a museum of an alliance.
 *
 * @param code its code
 * @param nameZh its Chinese name
 * @param nameEn its English name, or {@code null}
 * @param contact how to reach it (address, e-mail, telephone, web site), or {@code null}
 * @since 0.1
 */
public record Institution(
        InstitutionCode code,
        @Size(max = 500) String nameZh,
        @Nullable @Size(max = 500) String nameEn,
        @Nullable Contact contact) {

    public Institution {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(nameZh, "nameZh");
        if (nameZh.isBlank()) throw new IllegalArgumentException("nameZh is blank");
    }

    /**
     * How to reach an institution; every part is optional.
     *
     * @param address postal address
     * @param email e-mail address
     * @param telephone telephone number
     * @param website web site
     */
    public record Contact(
            @Nullable @Size(max = 1000) String address,
            @Nullable @Size(max = 320) String email,
            @Nullable @Size(max = 64) String telephone,
            @Nullable @Size(max = 2000) String website) {}
}
