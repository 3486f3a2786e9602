package dev.volga.endocs.model;

import java.util.Arrays;
import java.util.Objects;

/**
 * A downloaded file: its name and its decoded bytes.
 *
 * @param fileName the file name as the server sent it
 * @param content the bytes (not copied; do not change them)
 */
public record EndocsFile(String fileName, byte[] content) {

    /**
     * Validates the fields.
     *
     * @param fileName the file name as the server sent it
     * @param content the bytes (not copied; do not change them)
     */
    public EndocsFile {
        Objects.requireNonNull(fileName, "fileName");
        Objects.requireNonNull(content, "content");
    }

    /** @return the size in bytes */
    public int size() {
        return content.length;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof EndocsFile f && fileName.equals(f.fileName) && Arrays.equals(content, f.content);
    }

    @Override
    public int hashCode() {
        return 31 * fileName.hashCode() + Arrays.hashCode(content);
    }

    @Override
    public String toString() {
        return "EndocsFile[" + fileName + ", " + content.length + " bytes]";
    }
}
