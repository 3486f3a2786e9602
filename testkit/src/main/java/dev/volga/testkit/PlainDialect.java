package dev.volga.testkit;

/** The dialect of a bare {@link StubServer}, see {@link FaultDialect#plain()}. */
final class PlainDialect implements FaultDialect {
    static final PlainDialect INSTANCE = new PlainDialect();

    private PlainDialect() {
    }

    @Override
    public StubResponse status(RecordedRequest request, int status) {
        return StubResponse.status(status).header("Content-Type", "text/plain; charset=utf-8")
                .body(reason(status));
    }

    @Override
    public StubResponse malformed(RecordedRequest request) {
        return StubResponse.json(200, "{\"id\": 1, \"name\": \"trunc");
    }

    /**
     * A short reason phrase.
     *
     * @param status the status
     * @return e.g. {@code Service Unavailable}
     */
    static String reason(int status) {
        return switch (status) {
            case 400 -> "Bad Request";
            case 401 -> "Unauthorized";
            case 403 -> "Forbidden";
            case 404 -> "Not Found";
            case 429 -> "Too Many Requests";
            case 500 -> "Internal Server Error";
            case 502 -> "Bad Gateway";
            case 503 -> "Service Unavailable";
            case 504 -> "Gateway Timeout";
            default -> "HTTP " + status;
        };
    }
}
