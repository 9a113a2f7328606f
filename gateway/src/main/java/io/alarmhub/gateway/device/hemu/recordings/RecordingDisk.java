package io.alarmhub.gateway.device.hemu.recordings;

import io.alarmhub.core.store.Recording;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The recordings directory ({@code <media>/recordings/<deviceId>/<yyyy-mm-dd>/<file>.mp4}) as retention sees it:
 * the bytes it holds, and the deletion of its files, never of one outside it.
 *
 * <p>The bytes are counted by a walk of the directory ({@link #measure}, at start and once a day) and kept up to
 * date in between by what the recorder closes and what is deleted: a walk per sweep would read every file's
 * attributes, and a camera recording all the time makes 1,440 files a day. The count is an estimate between
 * walks: a file still being written counts once it is closed, and one deleted while being written (its camera
 * unbound) takes off bytes never counted.
 */
public final class RecordingDisk {

    private final Path mediaRoot;
    private final Path root;
    private final AtomicLong bytes = new AtomicLong();

    /** @param recordings the recordings directory, inside the media directory that recordings' keys are under */
    public RecordingDisk(Path recordings) {
        this.root = recordings.toAbsolutePath().normalize();
        this.mediaRoot = root.getParent();
    }

    /** The directory. */
    public Path root() {
        return root;
    }

    /** Counts what the directory holds now, and takes it as the count; blocks on the disk. */
    public long measure() {
        long[] total = new long[1];
        if (Files.isDirectory(root)) {
            try {
                Files.walkFileTree(root, new SimpleFileVisitor<>() {
                    @Override
                    public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) {
                        total[0] += attributes.isRegularFile() ? attributes.size() : 0;
                        return FileVisitResult.CONTINUE;
                    }

                    @Override
                    public FileVisitResult visitFileFailed(Path file, IOException e) {
                        return FileVisitResult.CONTINUE; // deleted while walking
                    }
                });
            } catch (IOException e) {
                throw new UncheckedIOException("cannot count the recordings in " + root, e);
            }
        }
        bytes.set(total[0]);
        return total[0];
    }

    /** The bytes the directory holds, as counted. */
    public long bytes() {
        return bytes.get();
    }

    /** The recorder closed a file of {@code size} bytes. */
    public void written(long size) {
        bytes.addAndGet(size);
    }

    /** A recording's file, when its key names one inside the directory (it may not exist). */
    public Optional<Path> file(Recording recording) {
        Path file = mediaRoot.resolve(recording.mediaKey()).normalize();
        return inside(file) ? Optional.of(file) : Optional.empty();
    }

    /**
     * Deletes a file of the directory, and its day's directory once that is empty; the bytes it freed (0 when
     * it was gone already, or is not inside the directory).
     */
    public long delete(Path file) throws IOException {
        Path normal = file.toAbsolutePath().normalize();
        if (!inside(normal)) {
            return 0;
        }
        long size;
        try {
            size = Files.size(normal);
        } catch (NoSuchFileException gone) {
            return 0;
        }
        if (!Files.deleteIfExists(normal)) {
            return 0;
        }
        bytes.addAndGet(-size);
        removeIfEmpty(normal.getParent());
        return size;
    }

    /**
     * Deletes a camera's directory and all in it, whatever the index says (a file whose entry a crash lost goes
     * too); the bytes freed. A file the recorder opens meanwhile stays, and goes when it closes (see
     * {@link RecordingRetention#closed}).
     */
    public long deleteCamera(String deviceId) throws IOException {
        Path dir = root.resolve(deviceId).normalize();
        if (!dir.getParent().equals(root) || !Files.isDirectory(dir)) {
            return 0;
        }
        long[] freed = new long[1];
        Files.walkFileTree(dir, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) throws IOException {
                if (Files.deleteIfExists(file)) {
                    freed[0] += attributes.size();
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path directory, IOException e) {
                removeIfEmpty(directory);
                return FileVisitResult.CONTINUE;
            }
        });
        bytes.addAndGet(-freed[0]);
        return freed[0];
    }

    private boolean inside(Path file) {
        return file.startsWith(root) && !file.equals(root);
    }

    /**
     * Removes a directory of a camera or of one of its days once it is empty. The recorder may create a file in
     * it at that moment (an SD card's upload of that day): its file then cannot be created, and is counted as
     * a failure; the next one succeeds.
     */
    private void removeIfEmpty(Path dir) {
        if (!dir.startsWith(root) || dir.equals(root)) {
            return;
        }
        try {
            Files.deleteIfExists(dir);
        } catch (DirectoryNotEmptyException stillUsed) {
            // the day, or the camera, has other files
        } catch (IOException e) {
            // an empty directory left costs nothing but an entry; the next deletion in it tries again
        }
    }
}
