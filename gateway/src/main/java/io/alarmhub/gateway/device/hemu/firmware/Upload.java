package io.alarmhub.gateway.device.hemu.firmware;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.Optional;

/**
 * A package an operator uploads in pieces through the RestServer, whose bodies are small
 * ({@code rest.max-body-bytes}): each piece names the offset it starts at, which must be the number of bytes
 * received so far, so that a piece sent twice (its answer lost) is refused rather than written twice, and the
 * client can tell where to go on from. Thread-safe: pieces of one upload are written one at a time.
 */
final class Upload {

    private final String id;
    private final PackageDraft draft;
    private final long size;
    private final PackageFile file;
    private Instant touched;
    private boolean ended;

    Upload(String id, PackageDraft draft, long size, PackageFile file, Instant now) {
        this.id = id;
        this.draft = draft;
        this.size = size;
        this.file = file;
        this.touched = now;
    }

    String id() {
        return id;
    }

    PackageDraft draft() {
        return draft;
    }

    long size() {
        return size;
    }

    synchronized long received() {
        return file.size();
    }

    /** Whether nothing has come for the upload since {@code before}. */
    synchronized boolean idleSince(Instant before) {
        return touched.isBefore(before);
    }

    /**
     * Writes a piece. Returns the whole package once its last byte has come, or empty while more is to come.
     *
     * @throws FirmwareRefusal {@code CONFLICT} when the offset is not the number of bytes received so far, or the
     *                         upload has ended; {@code BAD_REQUEST} when the piece is empty or goes past the size
     */
    synchronized Optional<PackageFile.Received> append(long offset, byte[] piece, Instant now) throws IOException {
        if (ended) {
            throw new FirmwareRefusal(FirmwareRefusal.Kind.CONFLICT, "the upload has ended");
        }
        if (offset != file.size()) {
            throw new FirmwareRefusal(FirmwareRefusal.Kind.CONFLICT, "offset " + offset + " is not where the upload"
                    + " is: " + file.size() + " bytes received");
        }
        if (piece.length == 0 || offset + piece.length > size) {
            throw FirmwareRefusal.bad("a piece of 1 to " + (size - offset) + " bytes (the upload is " + size
                    + " bytes)");
        }
        touched = now;
        file.write(ByteBuffer.wrap(piece));
        if (file.size() < size) {
            return Optional.empty();
        }
        ended = true;
        return Optional.of(file.finish());
    }

    /** Gives the upload up: its file is deleted. */
    synchronized void abandon() {
        ended = true;
        file.abandon();
    }
}
