package dev.volga.endocs.internal;

import dev.volga.api.spi.StreamingBody;
import dev.volga.endocs.model.FileUpload;
import reactor.adapter.JdkFlowAdapter;
import reactor.core.publisher.Flux;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A JSON body with files inline, produced while it is sent: the fields Jackson writes, then
 * {@code "Binaries":[{"FileName":…,"FileBase64":"…"}]} with each file base64-encoded chunk by chunk.
 * Its exact length is known up front (the transport sends a {@code Content-Length}); every attempt
 * reads the files afresh. {@code Binaries} is always an array, empty when there are no files: a
 * create without it fails on the server with a 500.
 */
public final class UploadBody {

    private static final String CONTENT_TYPE = "application/json; charset=utf-8";

    private UploadBody() {
    }

    /**
     * @param mapper the mapper of the fields
     * @param maxLength the largest body allowed
     * @param fields the record whose JSON fields come first
     * @param files the files, in order
     * @return the body
     */
    public static StreamingBody of(JsonMapper mapper, long maxLength, Object fields, List<FileUpload> files) {
        byte[] json;
        try {
            json = mapper.writeValueAsBytes(fields);
        } catch (JacksonException e) {
            throw new IllegalArgumentException("cannot encode " + fields.getClass().getSimpleName() + " as JSON: "
                    + e.getOriginalMessage(), e);
        }
        int close = json.length - 1;
        while (close > 0 && json[close] != '}') {
            close--;
        }
        boolean empty = true;
        for (int i = 1; i < close; i++) {
            if (!Character.isWhitespace(json[i])) {
                empty = false;
                break;
            }
        }
        ByteArrayOutputStream head = new ByteArrayOutputStream(close + 16);
        head.write(json, 0, close);
        head.writeBytes(ascii(empty ? "\"Binaries\":[" : ",\"Binaries\":["));
        List<byte[]> itemHeads = new ArrayList<>();
        long length = head.size();
        for (int i = 0; i < files.size(); i++) {
            FileUpload f = files.get(i);
            ByteArrayOutputStream item = new ByteArrayOutputStream();
            item.writeBytes(ascii(i == 0 ? "{\"FileName\":" : ",{\"FileName\":"));
            item.writeBytes(mapper.writeValueAsBytes(f.fileName()));
            item.writeBytes(ascii(",\"FileBase64\":\""));
            byte[] bytes = item.toByteArray();
            itemHeads.add(bytes);
            length += bytes.length + Base64Stream.encodedLength(f.size()) + 2;
        }
        length += 2;
        if (length > maxLength) {
            throw new IllegalArgumentException("the request body would be " + length + " bytes with its files in base64;"
                    + " EnDocs accepts at most " + maxLength + " bytes per request: send large files in separate calls"
                    + " (files: " + files + ")");
        }
        byte[] prefix = head.toByteArray();
        long contentLength = length;
        return new StreamingBody(CONTENT_TYPE, contentLength, () -> {
            List<Flux<ByteBuffer>> parts = new ArrayList<>();
            parts.add(Flux.just(ByteBuffer.wrap(prefix)));
            for (int i = 0; i < files.size(); i++) {
                FileUpload f = files.get(i);
                parts.add(Flux.just(ByteBuffer.wrap(itemHeads.get(i))));
                parts.add(Base64Stream.encode(f.content(), f.size(), f.toString()));
                parts.add(Flux.just(ByteBuffer.wrap(ascii("\"}"))));
            }
            parts.add(Flux.just(ByteBuffer.wrap(ascii("]}"))));
            return JdkFlowAdapter.publisherToFlowPublisher(Flux.concat(parts));
        });
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
