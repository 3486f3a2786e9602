package dev.volga.api.spi;

import java.nio.ByteBuffer;
import java.util.List;

/**
 * Reads the elements of a list response while its body arrives, so that a listing of any length
 * streams through a bounded amount of memory. A {@link Codec} hands one out per response
 * ({@link Codec#elementReader}); the transport feeds it the body piece by piece, in order, on one
 * thread at a time, and passes the elements on as the subscriber asks for them.
 *
 * <p>A reader may have to see more of the body before it knows that the response is a success
 * (Nodul's {@code success} flag can follow its {@code data}, say). Until then it keeps what it was
 * fed and says so with {@link #buffering()}: the transport's response-size cap applies to the body
 * received while a reader buffers, exactly as to a body read whole.
 *
 * <p>Every method throws the fitting {@link dev.volga.api.ApiException} when the body is an error
 * or cannot be read (a {@link dev.volga.api.DecodingException} that says what was expected, with
 * secrets masked); elements returned before the failure have been delivered.
 *
 * @param <E> the element type
 */
public interface ElementReader<E> {

    /**
     * Reads the next piece of the body.
     *
     * @param chunk the next bytes; valid only during the call (the reader copies what it keeps)
     * @return the elements this piece completed, in order; often empty, never null
     * @throws dev.volga.api.ApiException when the body is an error or cannot be read
     */
    List<E> read(ByteBuffer chunk);

    /**
     * The body is complete.
     *
     * @return the elements not returned yet, in order; never null
     * @throws dev.volga.api.ApiException when the body is an error, is cut short or cannot be read
     */
    List<E> end();

    /**
     * Reads a whole body at once, instead of {@link #read} and {@link #end}: the transport's choice
     * for a short body of declared length, which it reads whole anyway (a reader may take a
     * cheaper path for it). The reader is not used otherwise.
     *
     * @param body the complete body
     * @return all the elements, in order; never null
     * @throws dev.volga.api.ApiException when the body is an error or cannot be read
     */
    default List<E> readWhole(ByteBuffer body) {
        List<E> all = new java.util.ArrayList<>(read(body));
        all.addAll(end());
        return all;
    }

    /**
     * @return true while the reader keeps the body received so far instead of streaming it (the
     *         response-size cap applies to the body while this is true)
     */
    boolean buffering();
}
