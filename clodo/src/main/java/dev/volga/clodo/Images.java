package dev.volga.clodo;

import dev.volga.clodo.internal.Calls;
import dev.volga.clodo.model.Image;
import dev.volga.clodo.model.Preset;
import dev.volga.transport.spi.ApiRequest;
import reactor.core.publisher.Flux;

/** OS images and install presets. */
public final class Images {

    private final Calls calls;

    Images(Calls calls) {
        this.calls = calls;
    }

    /** @return the images ({@code GET /images}); none is an empty Flux */
    public Flux<Image> list() {
        return calls.many(ApiRequest.get("/images"), "images.list", "images", Image.class, true);
    }

    /** @return the images with OS fields ({@code GET /images/detail}) */
    public Flux<Image> listDetailed() {
        return calls.many(ApiRequest.get("/images/detail"), "images.detail", "images", Image.class, true);
    }

    /** @return the install presets ({@code GET /images/presets}) */
    public Flux<Preset> presets() {
        return calls.many(ApiRequest.get("/images/presets"), "images.presets", "presets", Preset.class, true);
    }
}
