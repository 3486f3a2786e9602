package dev.volga.testkit.junit;

/**
 * The provider stubs {@link VolgaStubsExtension} can start, used to say which stub's URL
 * {@link StubUrl} injects.
 */
public enum StubKind {
    /** {@link dev.volga.testkit.nodul.NodulStub}: its URL is {@code baseUrl()}, with the White Label base path. */
    NODUL,
    /** {@link dev.volga.testkit.endocs.EndocsStub}: its URL is {@code baseUrl()}, without {@code /api}. */
    ENDOCS,
    /** {@link dev.volga.testkit.clodo.ClodoStub}: its URL is {@code authUrl()}, the stub's root. */
    CLODO
}
