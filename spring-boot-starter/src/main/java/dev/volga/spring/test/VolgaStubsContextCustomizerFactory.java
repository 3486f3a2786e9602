package dev.volga.spring.test;

import org.springframework.test.context.ContextConfigurationAttributes;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.ContextCustomizerFactory;
import org.springframework.test.context.TestContextAnnotationUtils;
import org.springframework.util.ClassUtils;

import java.util.List;

/**
 * Finds {@link AutoConfigureVolgaStubs} on a test class (Spring's TestContext framework loads it
 * from {@code META-INF/spring.factories}). Does nothing without the testkit, so an application's
 * other tests never need it.
 */
public final class VolgaStubsContextCustomizerFactory implements ContextCustomizerFactory {

    /** Creates it; Spring calls this. */
    public VolgaStubsContextCustomizerFactory() {
    }

    @Override
    public ContextCustomizer createContextCustomizer(Class<?> testClass, List<ContextConfigurationAttributes> configAttributes) {
        if (!ClassUtils.isPresent("dev.volga.testkit.StubServer", testClass.getClassLoader())) {
            return null;
        }
        AutoConfigureVolgaStubs stubs = TestContextAnnotationUtils.findMergedAnnotation(testClass, AutoConfigureVolgaStubs.class);
        return stubs == null ? null : new VolgaStubsContextCustomizer(stubs.nodul(), stubs.endocs(), stubs.clodo(), stubs.redis());
    }
}
