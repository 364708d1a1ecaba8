package org.archivekit.core.internal;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.Configuration;
import jakarta.validation.MessageInterpolator;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import java.util.Set;
import org.archivekit.core.InvalidRequestException;

/** Builds the default Jakarta Validator and turns violations into {@link InvalidRequestException}. */
public final class Validators {
    private static final String PARAMETER_INTERPOLATOR =
            "org.hibernate.validator.messageinterpolation.ParameterMessageInterpolator";

    private Validators() {}

    /**
     * The default provider's validator (Hibernate Validator at runtime), with its expression-free message
     * interpolator so that no Jakarta EL implementation is needed.
     */
    public static Validator defaultValidator() {
        Configuration<?> config = Validation.byDefaultProvider().configure();
        try {
            Object interpolator = Class.forName(PARAMETER_INTERPOLATOR).getDeclaredConstructor().newInstance();
            config.messageInterpolator((MessageInterpolator) interpolator);
        } catch (ReflectiveOperationException | LinkageError e) {
            // Another provider: keep its own interpolator.
        }
        return config.buildValidatorFactory().getValidator();
    }

    /** Validates {@code value}; throws one exception carrying every violation, sorted by path. */
    public static <T> T check(Validator validator, T value) {
        Set<ConstraintViolation<T>> problems = validator.validate(value);
        if (problems.isEmpty()) return value;
        throw InvalidRequestException.of(problems);
    }
}
