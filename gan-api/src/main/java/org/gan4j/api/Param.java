package org.gan4j.api;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Documents one key of a config record and gives its default, in one place.
 *
 * <p>The YAML key is the component name in snake_case ({@code batchSize} → {@code batch_size}). The default is
 * written as YAML ({@code "2e-4"}, {@code "[256, 512]"}, {@code "adam"}); a key without a default is required.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.RECORD_COMPONENT, ElementType.PARAMETER, ElementType.FIELD, ElementType.METHOD})
public @interface Param {
    /** Marks a key that has no default and must be given. */
    String REQUIRED = "\u0000required";

    /**
     * The default value as YAML text.
     *
     * @return the default, or {@link #REQUIRED}
     */
    String value() default REQUIRED;

    /**
     * What the key means, shown by {@code gan plugins --describe} and in docs.
     *
     * @return a short description
     */
    String doc();

    /**
     * The smallest value a numeric key (or each number of a list) may take, inclusive, as YAML text; empty for no
     * bound beyond the type's. The binder enforces it and {@code gan plugins --describe} shows it.
     *
     * @return the lower bound, or empty
     * @since API 1.2
     */
    String min() default "";

    /**
     * The largest value a numeric key (or each number of a list) may take, inclusive, as YAML text; empty for no
     * bound beyond the type's.
     *
     * @return the upper bound, or empty
     * @since API 1.2
     */
    String max() default "";
}
