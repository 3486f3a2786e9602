package dev.volga.spring.internal;

import dev.volga.transport.Transport;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.http.client.ReactorResourceFactory;

/** Only loaded when spring-web is present: puts the transport on the application's Reactor Netty resources. */
final class SpringReactorResources {

    private SpringReactorResources() {
    }

    static boolean apply(Transport.Builder builder, BeanFactory beans) {
        ReactorResourceFactory factory = beans.getBeanProvider(ReactorResourceFactory.class).getIfUnique();
        if (factory == null) {
            return false;
        }
        if (!factory.isRunning()) {
            // its lifecycle starts it later; starting now (idempotent) gives us the pool and loops
            // the web server and WebClient will use too
            factory.start();
        }
        builder.connectionProvider(factory.getConnectionProvider()).loopResources(factory.getLoopResources());
        return true;
    }
}
