/**
 * Contracts every Volga provider shares: the {@link dev.volga.api.ApiException} hierarchy,
 * {@link dev.volga.api.Secret}, rate-limit and retry settings, and the codec SPI in
 * {@code dev.volga.api.spi}. No Netty, no Reactor, no Jackson: only the JDK.
 */
module dev.volga.api {
    exports dev.volga.api;
    exports dev.volga.api.spi;
}
