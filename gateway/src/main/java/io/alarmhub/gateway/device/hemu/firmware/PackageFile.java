package io.alarmhub.gateway.device.hemu.firmware;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * A package's bytes as they arrive, written to a temporary file while their MD5 (5.2.9.14's {@code checkSum})
 * is computed, and refused as soon as they are more than the limit: a package is never held in memory, and
 * never takes more disk than {@code hemu.firmware.max-package-bytes}. Not thread-safe: one writer at a time.
 */
final class PackageFile {

    /** A package received whole: its file (flushed to disk), length and MD5 in lower-case hex. */
    record Received(Path file, long size, String md5) {
    }

    private final Path file;
    private final long maxBytes;
    private final FileChannel channel;
    private final MessageDigest md5;
    private long size;
    private boolean open = true;

    private PackageFile(Path file, long maxBytes) throws IOException {
        this.file = file;
        this.maxBytes = maxBytes;
        this.channel = FileChannel.open(file, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING);
        try {
            this.md5 = MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            channel.close();
            throw new IllegalStateException("every JDK has MD5", e);
        }
    }

    /** A new temporary file in {@code dir}, for at most {@code maxBytes}. */
    static PackageFile create(Path dir, String prefix, long maxBytes) throws IOException {
        Path file = Files.createTempFile(dir, prefix, ".part");
        try {
            return new PackageFile(file, maxBytes);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(file);
            throw e;
        }
    }

    /**
     * Appends the buffer's remaining bytes.
     *
     * @throws FirmwareRefusal {@code TOO_LARGE} when they would make the package longer than the limit
     */
    void write(ByteBuffer bytes) throws IOException {
        if (size + bytes.remaining() > maxBytes) {
            throw new FirmwareRefusal(FirmwareRefusal.Kind.TOO_LARGE, "the package is more than"
                    + " hemu.firmware.max-package-bytes (" + maxBytes + " bytes)");
        }
        md5.update(bytes.duplicate());
        while (bytes.hasRemaining()) {
            size += channel.write(bytes);
        }
    }

    long size() {
        return size;
    }

    /** Flushes and closes the file: it is whole. */
    Received finish() throws IOException {
        channel.force(true);
        channel.close();
        open = false;
        return new Received(file, size, HexFormat.of().formatHex(md5.digest()));
    }

    /** Closes and deletes the file; never throws. */
    void abandon() {
        try {
            if (open) {
                channel.close();
                open = false;
            }
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // a temporary file under data.dir/hemu/firmware/incoming: deleted at the next start anyway
        }
    }
}
