package dev.volga.examples;

import dev.volga.api.ApiError;
import dev.volga.api.ApiException;
import dev.volga.api.Secret;
import dev.volga.api.spi.ApiResponse;
import dev.volga.api.spi.Codec;
import dev.volga.api.spi.EncodedBody;
import dev.volga.api.spi.TypeRef;
import dev.volga.testkit.RecordedRequest;
import dev.volga.testkit.StubResponse;
import dev.volga.testkit.StubServer;
import dev.volga.transport.spi.ApiClient;
import dev.volga.transport.spi.ApiRequest;
import dev.volga.transport.spi.Authenticator;
import dev.volga.transport.Transport;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * The build's pure module-path smoke run: started by {@code verify} as
 * {@code java --module-path … -m dev.volga.examples/dev.volga.examples.Smoke} with no class path,
 * it makes real loopback HTTP exchanges through the transport against a testkit stub. A
 * {@code requires} missing from any of our module descriptors shows up here as a
 * {@code NoClassDefFoundError} / resolution failure and a non-zero exit, which fails the build.
 */
public final class Smoke {

    private Smoke() {
    }

    /**
     * @param args ignored
     */
    public static void main(String[] args) {
        try {
            run();
            System.out.println("smoke: ok (module path, real loopback exchange)");
        } catch (Throwable t) {
            System.err.println("smoke: FAILED: " + t);
            t.printStackTrace();
            System.exit(1);
        }
    }

    private static void run() {
        Layer.check();
        Secret token = Secret.of("token", "smoke-secret-token-123");
        try (StubServer stub = StubServer.start();
             Transport transport = Transport.builder().responseTimeout(Duration.ofSeconds(10)).build()) {
            stub.route("GET", "/hello", req -> StubResponse.ok("hello " + req.queryParam("name").orElse("?")));
            stub.route("POST", "/echo", req -> StubResponse.ok(req.bodyText()));
            try (ApiClient client = ApiClient.builder("smoke")
                    .baseUrl(stub.baseUrl())
                    .codec(new TextCodec())
                    .transport(transport)
                    .authenticator(Authenticator.queryParameter("AUTH_TOKEN", token))
                    .build()) {
                String hello = client.exchange(ApiRequest.get("/hello").query("name", "volga").build(String.class))
                        .block(Duration.ofSeconds(15));
                expect("hello volga".equals(hello), "GET /hello answered " + hello);
                String echo = client.exchange(ApiRequest.post("/echo").body("ping").build(String.class))
                        .block(Duration.ofSeconds(15));
                expect("ping".equals(echo), "POST /echo answered " + echo);
                RecordedRequest first = stub.journal().get(0);
                expect(first.queryParam("AUTH_TOKEN").filter(token.reveal()::equals).isPresent(),
                        "the token travelled as AUTH_TOKEN");
                try {
                    client.exchange(ApiRequest.get("/missing").build(String.class)).block(Duration.ofSeconds(15));
                    expect(false, "GET /missing should fail");
                } catch (ApiException e) {
                    expect(e.httpStatus() == 404, "GET /missing failed with " + e.httpStatus());
                    expect(!token.occursIn(e.getMessage()), "no secret in the error message");
                }
                System.out.println("smoke: " + stub.requestCount() + " requests served by " + stub.baseUrl());
            }
        }
    }

    private static void expect(boolean condition, String what) {
        if (!condition) {
            throw new IllegalStateException("smoke check failed: " + what);
        }
        System.out.println("smoke: ok - " + what);
    }

    /** Checks the module layer: we really run on the module path, and HTTPS set-up works there. */
    private static final class Layer {
        static void check() {
            expect(Smoke.class.getModule().isNamed(), "running as named module " + Smoke.class.getModule().getName());
            expect(System.getProperty("java.class.path", "").isEmpty(), "class path is empty");
            // HttpClient.secure() initialises HTTP/3 detection (reactor-netty#4040): must not throw on the module path
            reactor.netty.http.client.HttpClient.create().secure();
            expect(true, "HttpClient.secure() initialises");
        }
    }

    /** A plain-text codec: the body is the value; errors by HTTP status. */
    private static final class TextCodec implements Codec {
        @Override
        public String provider() {
            return "smoke";
        }

        @Override
        public String accept() {
            return "text/plain";
        }

        @Override
        public EncodedBody encode(Object value) {
            return new EncodedBody("text/plain; charset=UTF-8", value.toString().getBytes(StandardCharsets.UTF_8));
        }

        @Override
        @SuppressWarnings("unchecked")
        public <T> T decode(ApiResponse response, TypeRef<T> type) {
            if (!response.isSuccess()) {
                throw ApiException.forStatus(ApiError.builder("smoke").httpStatus(response.status())
                        .message(response.excerpt(100)).build());
            }
            return (T) response.bodyText();
        }
    }
}
