/**
 * Spring Boot auto-configuration of the Volga clients: start with
 * {@link dev.volga.spring.VolgaProperties} and {@link dev.volga.spring.VolgaAutoConfiguration}.
 * Spring's jars are automatic modules; Spring Boot applications usually run on the class path,
 * where this descriptor is ignored, but it keeps the starter honest about what it uses.
 */
module dev.volga.spring {
    requires transitive dev.volga.nodul;
    requires transitive dev.volga.endocs;
    requires transitive dev.volga.clodo;
    requires transitive spring.boot;
    requires transitive spring.boot.autoconfigure;
    requires transitive spring.context;
    requires spring.beans;
    requires spring.core;

    // optional: used only when the application has them
    requires static dev.volga.redis;
    requires static spring.boot.health;
    requires static spring.web;
    requires static micrometer.core;
    // test support (dev.volga.spring.test): used only in an application's tests, which have them
    requires static dev.volga.testkit;
    requires static spring.test;

    exports dev.volga.spring;
    exports dev.volga.spring.test;

    // Spring creates the auto-configurations, the condition classes and the converter reflectively
    // (CGLIB is off: proxyBeanMethods is not used, the bean methods call nothing)
    opens dev.volga.spring to spring.core, spring.beans, spring.context;
    opens dev.volga.spring.internal to spring.core, spring.beans, spring.context;
    opens dev.volga.spring.test to spring.core, spring.beans, spring.context, spring.test;
}
