package io.alarmhub.server;

import io.alarmhub.server.config.ConfigException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * A secret kept as hex in a file of the data directory, generated on first use (readable by the owner
 * only, where the file system has permissions), so that a fresh node works without set-up and every
 * process on the same data directory agrees on it.
 */
final class KeyFiles {

    private static final Logger log = LoggerFactory.getLogger(KeyFiles.class);

    private KeyFiles() {
    }

    /**
     * The secret in {@code file}, generating {@code bytes} random bytes into it when it does not exist.
     *
     * @param what    what the secret is, for messages ({@code "token key"})
     * @param setting how to choose one instead, for the log line that says one was generated
     */
    static byte[] readOrGenerate(Path file, int bytes, String what, String setting) {
        try {
            if (Files.exists(file) && Files.size(file) == 0) {
                // Left by a release that wrote key files in place and was stopped mid-write: no process
                // can have used an empty key, so a new one is safe.
                log.warn("the {} file {} is empty; generating a new one", what, file.toAbsolutePath());
                Files.delete(file);
            }
            if (!Files.exists(file)) {
                generate(file, bytes, what, setting);
            }
            String hex = Files.readString(file, StandardCharsets.US_ASCII).trim();
            if (!hex.matches("[0-9a-fA-F]{" + bytes * 2 + "}")) {
                throw new ConfigException(file + " does not hold " + bytes * 2 + " hex characters");
            }
            return HexFormat.of().parseHex(hex);
        } catch (IOException e) {
            throw new ConfigException("cannot read or create the " + what + " " + file + ": " + e.getMessage(), e);
        }
    }

    /** {@code hex} as bytes, if it is exactly {@code bytes} bytes of hex; else a ConfigException naming the setting. */
    static byte[] parse(String hex, int bytes, String setting) {
        String trimmed = hex.trim();
        if (!trimmed.matches("[0-9a-fA-F]{" + bytes * 2 + "}")) {
            throw new ConfigException(setting + " must be " + bytes * 2 + " hex characters");
        }
        return HexFormat.of().parseHex(trimmed);
    }

    /**
     * Writes the key whole into a temporary file beside {@code file}, then links it into place. The link
     * fails when another process got there first, so every process ends up reading the one key that won,
     * and a crash at any moment leaves either no key file or a complete one, never an empty one.
     */
    private static void generate(Path file, int bytes, String what, String setting) throws IOException {
        byte[] key = new byte[bytes];
        new SecureRandom().nextBytes(key);
        Path dir = file.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path temp = createPrivate(dir, file.getFileName() + ".");
        try {
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
                channel.write(ByteBuffer.wrap((HexFormat.of().formatHex(key) + "\n").getBytes(StandardCharsets.US_ASCII)));
                channel.force(true);
            }
            if (!publish(temp, file)) {
                return;
            }
        } finally {
            Files.deleteIfExists(temp);
        }
        log.info("generated a {} into {}; set {} to choose your own", what, file.toAbsolutePath(), setting);
    }

    /** Whether {@code temp} became {@code file}; false when a complete key of another process is already there. */
    private static boolean publish(Path temp, Path file) throws IOException {
        try {
            Files.createLink(file, temp);
            return true;
        } catch (FileAlreadyExistsException raced) {
            return false;
        } catch (UnsupportedOperationException | FileSystemException noHardLinks) {
            if (Files.exists(file)) {
                return false;
            }
            // Without hard links a rename is still atomic; two processes racing here each write a whole
            // key, and the later rename wins for both of them, as each reads the file only afterwards.
            Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE);
            return true;
        }
    }

    private static Path createPrivate(Path dir, String prefix) throws IOException {
        try {
            return Files.createTempFile(dir, prefix, ".tmp",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException notPosix) {
            return Files.createTempFile(dir, prefix, ".tmp");
        }
    }
}
