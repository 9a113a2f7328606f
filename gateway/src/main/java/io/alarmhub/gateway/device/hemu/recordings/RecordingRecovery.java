package io.alarmhub.gateway.device.hemu.recordings;

import io.alarmhub.core.store.PushStore;
import io.alarmhub.core.store.Recording;
import io.alarmhub.core.store.StoreOp;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * At start, the recordings a crash (a kill, a power cut) left incomplete: their files play up to their last whole
 * fragment, so each is finished from its file: complete, its size, and as end its file's last modification (its
 * last fragment's write), kept within the bounds a recording has. An SD card's upload is placed at the camera's
 * times, which the file's time says nothing of: it ends where it starts. An entry whose file is gone, or holds
 * no whole fragment (the crash came before its first one), is deleted with its file.
 */
final class RecordingRecovery {

    /** What was done. */
    record Outcome(int finished, int forgotten) {
    }

    /** {@code mdat}, as a box type reads. */
    private static final int MDAT = 0x6d646174;
    /** The top-level boxes looked at: the init segment's two, then a fragment's {@code moof} and {@code mdat}. */
    private static final int MAX_BOXES = 64;

    private final PushStore store;
    private final RecordingDisk disk;

    RecordingRecovery(PushStore store, RecordingDisk disk) {
        this.store = store;
        this.disk = disk;
    }

    /** Blocks on the store and the disk; at start only, before any camera records. */
    Outcome run() {
        CompletableFuture<List<Recording>> incomplete = new CompletableFuture<>();
        store.submitOrFail(new StoreOp.IncompleteRecordings(incomplete));
        List<CompletableFuture<?>> writes = new ArrayList<>();
        int finished = 0;
        int forgotten = 0;
        for (Recording r : incomplete.join()) {
            Optional<Path> file = disk.file(r);
            long size = file.filter(RecordingRecovery::playable).map(RecordingRecovery::size).orElse(0L);
            if (size > 0) {
                CompletableFuture<Void> put = new CompletableFuture<>();
                store.submitOrFail(new StoreOp.PutRecording(finished(r, size, modified(file.get())), put));
                writes.add(put);
                finished++;
            } else {
                file.ifPresent(RecordingRecovery::delete);
                CompletableFuture<Integer> deleted = new CompletableFuture<>();
                store.submitOrFail(new StoreOp.DeleteRecordings(List.of(r.id()), deleted));
                writes.add(deleted);
                forgotten++;
            }
        }
        CompletableFuture.allOf(writes.toArray(CompletableFuture[]::new)).join();
        return new Outcome(finished, forgotten);
    }

    /** {@code r} complete, of {@code bytes}, ending at {@code modified} as far as a recording may. */
    static Recording finished(Recording r, long bytes, Instant modified) {
        Instant end = r.channel() == Recording.SD_CARD ? r.end() : modified;
        Instant latest = r.start().plus(Recording.MAX_DURATION);
        end = end.isBefore(r.start()) ? r.start() : end.isAfter(latest) ? latest : end;
        return new Recording(r.id(), r.device(), r.channel(), r.kind(), r.videoCodec(), r.audioCodec(), r.start(),
                end, r.cameraStart(), r.cameraStart().plus(Duration.between(r.start(), end)), bytes,
                r.alarmRef(), r.mediaKey(), true);
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            return 0;
        }
    }

    /**
     * Whether the fragmented MP4 holds a whole fragment: a top-level {@code mdat} box that ends within the file.
     * Reads the top-level box headers only, at most {@link #MAX_BOXES} of them.
     */
    static boolean playable(Path file) {
        try (SeekableByteChannel in = Files.newByteChannel(file)) {
            long length = in.size();
            ByteBuffer header = ByteBuffer.allocate(16);
            long at = 0;
            for (int i = 0; i < MAX_BOXES && at + 8 <= length; i++) {
                header.clear().limit(16);
                in.position(at);
                while (header.hasRemaining() && in.read(header) > 0) {
                    // a header is 8 bytes, 16 with a 64-bit size
                }
                long size = Integer.toUnsignedLong(header.getInt(0));
                size = size == 1 && header.position() == 16 ? header.getLong(8) : size == 0 ? length - at : size;
                if (size < 8) {
                    return false;
                }
                if (header.getInt(4) == MDAT && at + size <= length) {
                    return true;
                }
                at += size;
            }
            return false;
        } catch (IOException e) {
            return false;
        }
    }

    private static Instant modified(Path file) {
        try {
            return Files.getLastModifiedTime(file).toInstant();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the time of " + file, e);
        }
    }

    private static void delete(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete the empty recording " + file, e);
        }
    }
}
