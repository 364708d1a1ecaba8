package org.archivekit.core.model;

import jakarta.validation.constraints.Size;
import java.math.BigDecimal;
import java.util.Objects;

/**
 * How much material: a quantity and its unit ({@code 12 件}, {@code 0.5 linear metres}, {@code 340 页}).
 *
 * @param quantity the quantity, not negative
 * @param unit the unit, not blank
 * @since 0.1
 */
public record Extent(BigDecimal quantity, @Size(max = 200) String unit) {
    public Extent {
        Objects.requireNonNull(quantity, "quantity");
        Objects.requireNonNull(unit, "unit");
        if (quantity.signum() < 0) throw new IllegalArgumentException("extent quantity is negative: " + quantity);
        if (unit.isBlank()) throw new IllegalArgumentException("extent unit is blank");
    }

    /** {@code quantity unit}. */
    public static Extent of(long quantity, String unit) {
        return new Extent(BigDecimal.valueOf(quantity), unit);
    }

    @Override
    public String toString() {
        return quantity.toPlainString() + " " + unit;
    }
}
