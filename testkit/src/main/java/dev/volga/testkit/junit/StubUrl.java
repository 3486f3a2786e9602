package dev.volga.testkit.junit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Injects the URL a client is given for a stub, instead of the stub itself: a {@link String} or a
 * {@link java.net.URI} test parameter or field, e.g. {@code @StubUrl(StubKind.CLODO) String authUrl}.
 * The stub is the same one a {@code ClodoStub} parameter of the same test class gets; see
 * {@link StubKind} for which URL each provider gives.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.PARAMETER, ElementType.FIELD})
public @interface StubUrl {

    /**
     * The stub whose URL is wanted.
     *
     * @return the provider
     */
    StubKind value();
}
