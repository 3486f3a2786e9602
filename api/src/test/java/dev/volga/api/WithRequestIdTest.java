package dev.volga.api;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@link ApiException#withRequestId} keeps the concrete type and every field, for every subclass in
 * this package: the subclasses are found by listing the compiled package, so a new one that forgets
 * {@code copyWith} fails here.
 */
class WithRequestIdTest {

    private static final ApiError ERROR = new ApiError("p", 409, "c", "m", "d", "old", Duration.ofSeconds(3));

    @Test
    void everySubclassInTheApiPackageCopiesItselfWithAllItsFields() throws Exception {
        List<Class<? extends ApiException>> types = apiExceptionTypes();
        assertThat(types).contains(ApiException.class, RateLimitedException.class, TransportException.class,
                NotFoundException.class, LeaseLostException.class).hasSizeGreaterThanOrEqualTo(10);
        for (Class<? extends ApiException> type : types) {
            ApiException original = instance(type);
            ApiException copy = original.withRequestId("new-id");
            assertThat(copy).as(type.getSimpleName()).isNotSameAs(original).hasSameClassAs(original);
            assertThat(copy.requestId()).as(type.getSimpleName()).contains("new-id");
            assertThat(copy.error()).as(type.getSimpleName())
                    .isEqualTo(new ApiError("p", 409, "c", "m", "d", "new-id", Duration.ofSeconds(3)));
            assertThat(copy.getCause()).as(type.getSimpleName()).isSameAs(original.getCause());
            assertThat(copy.getStackTrace()).as(type.getSimpleName()).isEqualTo(original.getStackTrace());
            assertThat(copy.getMessage()).as(type.getSimpleName()).endsWith("request_id=new-id");
            for (Class<?> c = type; c != ApiException.class; c = c.getSuperclass()) {
                for (Field f : c.getDeclaredFields()) {
                    if (Modifier.isStatic(f.getModifiers())) {
                        continue;
                    }
                    f.setAccessible(true);
                    assertThat(f.get(copy)).as(type.getSimpleName() + "." + f.getName()).isEqualTo(f.get(original));
                }
            }
            assertThat(original.withRequestId("old")).as(type.getSimpleName()).isSameAs(original);
            assertThat(original.withRequestId(null).requestId()).as(type.getSimpleName()).isEmpty();
        }
    }

    @Test
    void aSubclassThatForgetsTheCopyHookIsRefusedNotSilentlyWidened() {
        class Forgetful extends ClientErrorException {
            private static final long serialVersionUID = 1L;

            Forgetful() {
                super(ERROR, null);
            }
        }
        assertThatThrownBy(() -> new Forgetful().withRequestId("x"))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("copyWith");
    }

    /** Every concrete ApiException type compiled into this package (the test classes are elsewhere). */
    @SuppressWarnings("unchecked")
    private static List<Class<? extends ApiException>> apiExceptionTypes() throws IOException, URISyntaxException,
            ClassNotFoundException {
        Path dir = Path.of(ApiException.class.getProtectionDomain().getCodeSource().getLocation().toURI())
                .resolve("dev/volga/api");
        List<Class<? extends ApiException>> out = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.toList()) {
                String name = f.getFileName().toString();
                if (!name.endsWith(".class") || name.contains("$")) {
                    continue;
                }
                Class<?> c = Class.forName("dev.volga.api." + name.substring(0, name.length() - 6));
                if (ApiException.class.isAssignableFrom(c) && !Modifier.isAbstract(c.getModifiers())) {
                    out.add((Class<? extends ApiException>) c);
                }
            }
        }
        return out;
    }

    /** Calls the widest public constructor with non-default values for every parameter. */
    private static ApiException instance(Class<? extends ApiException> type) throws Exception {
        Constructor<?> ctor = Stream.of(type.getConstructors())
                .max((a, b) -> Integer.compare(a.getParameterCount(), b.getParameterCount())).orElseThrow();
        Object[] args = new Object[ctor.getParameterCount()];
        Class<?>[] params = ctor.getParameterTypes();
        for (int i = 0; i < params.length; i++) {
            Class<?> p = params[i];
            if (p == ApiError.class) {
                args[i] = ERROR;
            } else if (p == Throwable.class) {
                args[i] = new IllegalStateException("cause");
            } else if (p == boolean.class) {
                args[i] = true;
            } else if (p.isEnum()) {
                Object[] constants = p.getEnumConstants();
                args[i] = constants[constants.length - 1];
            } else {
                throw new AssertionError(type + ": no test value for a constructor parameter of type " + p);
            }
        }
        return (ApiException) ctor.newInstance(args);
    }
}
