package org.gan4j.engine.config;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a config key whose value is a {@code {type: name, …}} block (or a map of them), and says which provider kinds
 * its {@code type} names: registry kinds such as {@code data}, {@code generator|discriminator}, or {@code optimizer}.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.RECORD_COMPONENT)
public @interface Kind {
    /**
     * The kinds, separated by {@code |}.
     *
     * @return for example {@code "generator|discriminator"}
     */
    String value();
}
