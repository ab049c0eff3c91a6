package io.pyairtable.local.junit;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** The template a test class runs against (default: the repository's {@code template.yaml}). */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface LocalCloudTemplate {
    /** Path relative to the module directory the tests run in, e.g. {@code src/test/resources/app.yaml}. */
    String value();
}
