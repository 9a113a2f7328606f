package io.alarmhub.gateway.device.vstarcam;

import io.netty.handler.codec.http.multipart.FileUpload;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A completely received alarm push: its form fields and its file parts, each a complete file in the
 * upload directory. Owns those files until {@link #release()}, which deletes what the media store has not
 * taken.
 *
 * @param fields text fields in the order they came ({@code vuid}, {@code type}, and any other)
 * @param files  file parts in the order they came ({@code picture}, {@code video}, and any other)
 */
record AlarmForm(Map<String, String> fields, List<Part> files) {

    AlarmForm {
        fields = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(fields));
        files = List.copyOf(files);
    }

    Optional<String> field(String name) {
        return Optional.ofNullable(fields.get(name));
    }

    Optional<Part> file(String name) {
        return files.stream().filter(part -> part.name().equals(name)).findFirst();
    }

    /** Deletes the files the media store did not take; safe to call more than once. */
    void release() {
        files.forEach(Part::release);
    }

    /**
     * One file part.
     *
     * @param name        the form field's name ({@code picture}, {@code video})
     * @param filename    the file name the camera gave, as sent
     * @param contentType the part's content type, as sent
     * @param size        its length in bytes
     */
    record Part(String name, String filename, String contentType, long size, FileUpload upload) {

        /** The received file in the upload directory. */
        Path path() {
            try {
                return upload.getFile().toPath();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        void release() {
            // The decoder no longer holds it: the last reference deletes the file unless it was moved away.
            if (upload.refCnt() > 0) {
                upload.release();
            }
        }
    }
}
