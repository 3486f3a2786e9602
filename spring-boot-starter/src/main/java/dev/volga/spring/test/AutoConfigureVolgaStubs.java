package dev.volga.spring.test;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Starts the testkit's stubs for a Spring test's application context and points {@code volga.*}
 * at them: no hand wiring. Needs {@code volga-testkit} (test scope) beside the starter.
 *
 * <pre>{@code
 * @SpringBootTest
 * @AutoConfigureVolgaStubs
 * class MyServiceTest {
 *     @Autowired NodulStub nodul;     // seed it, read its journal
 *     @Autowired ClodoClient clodo;   // the application's client, talking to the stub
 * }
 * }</pre>
 *
 * <p>Each stub is a bean of the context ({@code NodulStub}, {@code EndocsStub}, {@code ClodoStub},
 * and with {@link #redis()} the testkit's {@code RedisServer}), started before the context
 * refreshes, so that the starter's conditions see the properties, and closed with the context. The
 * properties set: {@code volga.nodul.base-url} and {@code .token}; {@code volga.endocs.base-url}
 * and {@code .token}; {@code volga.clodo.base-url}, {@code .user} and {@code .key} (the stub's
 * login {@code VolgaStubs.CLODO_USER} / {@code CLODO_KEY}); with {@link #redis()},
 * {@code volga.redis.uri}. The test's own inlined properties (e.g.
 * {@code @SpringBootTest(properties = ...)}) still win over them; the application's
 * {@code application.properties} do not.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
public @interface AutoConfigureVolgaStubs {

    /** @return whether to start a Nodul stub and configure {@code volga.nodul.*} */
    boolean nodul() default true;

    /** @return whether to start an EnDocs stub and configure {@code volga.endocs.*} */
    boolean endocs() default true;

    /** @return whether to start a Clodo stub and configure {@code volga.clodo.*} */
    boolean clodo() default true;

    /**
     * @return whether to start a real {@code redis-server} (the testkit's {@code RedisServer}, on a
     *     free loopback port) and turn fleet mode on with {@code volga.redis.uri}; needs
     *     {@code redis-server} on the machine and {@code volga-redis} on the class path
     */
    boolean redis() default false;
}
