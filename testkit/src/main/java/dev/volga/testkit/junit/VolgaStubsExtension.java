package dev.volga.testkit.junit;

import dev.volga.testkit.clodo.ClodoStub;
import dev.volga.testkit.endocs.EndocsStub;
import dev.volga.testkit.nodul.NodulStub;
import java.lang.reflect.Field;
import java.lang.reflect.InaccessibleObjectException;
import java.lang.reflect.Modifier;
import java.lang.reflect.Parameter;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.api.extension.TestInstancePostProcessor;

/**
 * A JUnit 5 extension that starts Volga provider stubs for a test class and hands them to its
 * tests. Usually registered through {@link VolgaStubs}, which also checks for Netty leaks; on its
 * own with {@code @ExtendWith(VolgaStubsExtension.class)}.
 *
 * <p><b>What is injected.</b> A parameter or field of type {@link NodulStub}, {@link EndocsStub} or
 * {@link ClodoStub} gets that provider's stub; a {@link String} or {@link URI} parameter or field
 * annotated {@link StubUrl} gets the URL a client is given for it. Parameters: of test methods,
 * lifecycle methods ({@code @BeforeAll}, {@code @BeforeEach}, …) and test class constructors.
 * Fields: every non-final field of those types in the test class and its superclasses that is still
 * {@code null}, instance fields when the test instance is created and static fields before all
 * tests. Field injection writes by reflection, so the test class's package must be open to the
 * testkit (it always is when both are on the class path, and for tests patched into a module by
 * Maven Surefire when the testkit is on the class path); parameters need nothing.
 *
 * <p><b>Lifecycle.</b> Each stub is started lazily, on a free loopback port, the first time a test
 * class asks for it, so a class that uses only Clodo starts only Clodo. It then serves every test
 * of the class (and of its {@code @Nested} classes) — the same object, the same port. After each
 * test the extension resets the stubs started so far ({@link NodulStub#reset()},
 * {@link EndocsStub#reset()}, {@link ClodoStub#reset()}): journal, scripted responses, faults,
 * quota buckets and data back to the state after start, so each test starts from a fresh stub.
 * Clodo's issued tokens are forgotten too: a client kept across tests logs in again (a 401, then a
 * login) at the start of the next test. Seed data in {@code @BeforeEach}, not in {@code @BeforeAll}.
 * After all tests of the class the stubs are closed; they are kept in the class's
 * {@link ExtensionContext.Store} as an {@link AutoCloseable}, so JUnit also closes them if the
 * class is aborted.
 *
 * <p><b>Credentials.</b> The Nodul stub gets a random token, the EnDocs stub
 * {@link EndocsStub#DEFAULT_TOKEN}: read either from the stub's {@code token()}. The Clodo stub
 * accepts {@link VolgaStubs#CLODO_USER} with {@link VolgaStubs#CLODO_KEY}.
 *
 * <p>Thread-safe: tests of a class running in parallel share its stubs (and see each other's
 * requests in the journal).
 */
public final class VolgaStubsExtension
        implements BeforeAllCallback, AfterAllCallback, AfterEachCallback, TestInstancePostProcessor, ParameterResolver {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(VolgaStubsExtension.class);
    private static final String KEY = "stubs";

    /** Creates the extension; JUnit calls this. */
    public VolgaStubsExtension() {
    }

    /**
     * Injects the static stub fields of the test class.
     *
     * @param context the test class context
     */
    @Override
    public void beforeAll(ExtensionContext context) {
        Class<?> testClass = context.getRequiredTestClass();
        for (Field field : injectableFields(testClass, true)) {
            inject(field, null, context);
        }
    }

    /**
     * Injects the instance stub fields of a new test instance.
     *
     * @param testInstance the test instance
     * @param context the context JUnit creates the instance in
     */
    @Override
    public void postProcessTestInstance(Object testInstance, ExtensionContext context) {
        for (Field field : injectableFields(testInstance.getClass(), false)) {
            inject(field, testInstance, context);
        }
    }

    /**
     * Resets the stubs started so far, so the next test starts with an empty journal.
     *
     * @param context the test method context
     */
    @Override
    public void afterEach(ExtensionContext context) {
        Stubs stubs = existing(context);
        if (stubs != null) {
            stubs.reset();
        }
    }

    /**
     * Closes the stubs of a top-level test class after all its tests (a {@code @Nested} class shares
     * the stubs of its enclosing class and leaves them open).
     *
     * @param context the test class context
     */
    @Override
    public void afterAll(ExtensionContext context) {
        if (isOwner(context)) {
            Stubs stubs = context.getStore(NAMESPACE).get(KEY, Stubs.class);
            if (stubs != null) {
                stubs.close();
            }
        }
    }

    /**
     * Whether a parameter is a stub, or a {@link StubUrl} string or URI.
     *
     * @param parameterContext the parameter
     * @param extensionContext the context
     * @return true for the types described in the class documentation
     */
    @Override
    public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        Parameter parameter = parameterContext.getParameter();
        return kindOf(parameter.getType(), parameterContext.findAnnotation(StubUrl.class)).isPresent();
    }

    /**
     * Starts the stub if needed and returns it or its URL.
     *
     * @param parameterContext the parameter
     * @param extensionContext the context
     * @return the stub or its URL
     */
    @Override
    public Object resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        Parameter parameter = parameterContext.getParameter();
        Optional<StubUrl> url = parameterContext.findAnnotation(StubUrl.class);
        StubKind kind = kindOf(parameter.getType(), url)
                .orElseThrow(() -> new ParameterResolutionException("not a Volga stub parameter: " + parameter));
        return value(parameter.getType(), kind, url.isPresent(), extensionContext);
    }

    // ------------------------------------------------------------------ internals

    private static Optional<StubKind> kindOf(Class<?> type, Optional<StubUrl> url) {
        if (url.isPresent()) {
            return type == String.class || type == URI.class ? Optional.of(url.get().value()) : Optional.empty();
        }
        if (type == NodulStub.class) {
            return Optional.of(StubKind.NODUL);
        }
        if (type == EndocsStub.class) {
            return Optional.of(StubKind.ENDOCS);
        }
        if (type == ClodoStub.class) {
            return Optional.of(StubKind.CLODO);
        }
        return Optional.empty();
    }

    private static Object value(Class<?> type, StubKind kind, boolean url, ExtensionContext context) {
        Object stub = stubs(context).get(kind);
        if (!url) {
            return stub;
        }
        String text = Stubs.url(stub);
        return type == URI.class ? URI.create(text) : text;
    }

    private static List<Field> injectableFields(Class<?> testClass, boolean statics) {
        List<Field> fields = new ArrayList<>();
        for (Class<?> c = testClass; c != null && c != Object.class; c = c.getSuperclass()) {
            for (Field field : c.getDeclaredFields()) {
                int modifiers = field.getModifiers();
                if (Modifier.isStatic(modifiers) == statics && !Modifier.isFinal(modifiers)
                        && kindOf(field.getType(), Optional.ofNullable(field.getAnnotation(StubUrl.class))).isPresent()) {
                    fields.add(field);
                }
            }
        }
        return fields;
    }

    private static void inject(Field field, Object target, ExtensionContext context) {
        try {
            field.setAccessible(true);
            if (field.get(target) != null) {
                return;
            }
            StubUrl url = field.getAnnotation(StubUrl.class);
            StubKind kind = kindOf(field.getType(), Optional.ofNullable(url)).orElseThrow();
            field.set(target, value(field.getType(), kind, url != null, context));
        } catch (InaccessibleObjectException | IllegalAccessException e) {
            throw new ExtensionConfigurationException("cannot inject a Volga stub into " + field
                    + ": open its package to the testkit (e.g. 'opens <package> to dev.volga.testkit') or take the stub"
                    + " as a test method parameter instead", e);
        }
    }

    /** The stubs of the outermost test class context, created on first use. */
    private static Stubs stubs(ExtensionContext context) {
        ExtensionContext owner = owner(context);
        return owner.getStore(NAMESPACE).getOrComputeIfAbsent(KEY, k -> new Stubs(), Stubs.class);
    }

    /** The stubs if any were started, without creating them. */
    private static Stubs existing(ExtensionContext context) {
        return owner(context).getStore(NAMESPACE).get(KEY, Stubs.class);
    }

    /** The kinds of stub started for the context's test class so far: for the extension's own tests. */
    static Set<StubKind> started(ExtensionContext context) {
        Stubs stubs = existing(context);
        return stubs == null ? Set.of() : stubs.started();
    }

    /** The outermost class-level context above (or at) the given one: stubs live and die with it. */
    private static ExtensionContext owner(ExtensionContext context) {
        ExtensionContext owner = null;
        for (ExtensionContext c = context; c != null; c = c.getParent().orElse(null)) {
            if (c.getTestClass().isPresent() && c.getTestMethod().isEmpty()) {
                owner = c;
            }
        }
        if (owner == null) {
            throw new ExtensionConfigurationException("Volga stubs need a test class context, not " + context.getUniqueId());
        }
        return owner;
    }

    private static boolean isOwner(ExtensionContext context) {
        return owner(context) == context;
    }
}
