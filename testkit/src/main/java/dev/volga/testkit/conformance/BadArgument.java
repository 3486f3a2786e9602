package dev.volga.testkit.conformance;

import java.util.Objects;
import java.util.concurrent.Callable;

/**
 * One case of {@link ClientConformanceTest#badArguments()}: a call with a null, blank or
 * out-of-range argument that a client must refuse before any I/O, with an exception of the given
 * type whose message names the parameter.
 *
 * @param name the case's display name, e.g. {@code "plans.create null name"}
 * @param type the exception the call must end in (thrown, or signalled by the returned publisher)
 * @param param what the exception's message must contain: the parameter's name
 * @param call the call; if it returns a {@link org.reactivestreams.Publisher}, the publisher is
 *     subscribed to, so a lazy refusal counts too as long as nothing is sent
 */
public record BadArgument(String name, Class<? extends Throwable> type, String param, Callable<?> call) {

    /**
     * Checks the fields.
     *
     * @param name the case's display name
     * @param type the expected exception type
     * @param param the parameter the message names
     * @param call the call
     */
    public BadArgument {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(param, "param");
        Objects.requireNonNull(call, "call");
    }

    /**
     * A call that must fail with a {@link NullPointerException} naming the parameter.
     *
     * @param name the case's display name
     * @param param the parameter the message names
     * @param call the call
     * @return the case
     */
    public static BadArgument npe(String name, String param, Callable<?> call) {
        return new BadArgument(name, NullPointerException.class, param, call);
    }

    /**
     * A call that must fail with an {@link IllegalArgumentException} naming the parameter.
     *
     * @param name the case's display name
     * @param param the parameter the message names
     * @param call the call
     * @return the case
     */
    public static BadArgument iae(String name, String param, Callable<?> call) {
        return new BadArgument(name, IllegalArgumentException.class, param, call);
    }

    /**
     * A call that must fail with an {@link IllegalStateException} naming what is missing (e.g. a
     * builder's {@code build()} without a credential).
     *
     * @param name the case's display name
     * @param param what the message names
     * @param call the call
     * @return the case
     */
    public static BadArgument ise(String name, String param, Callable<?> call) {
        return new BadArgument(name, IllegalStateException.class, param, call);
    }
}
