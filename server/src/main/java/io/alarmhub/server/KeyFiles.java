package io.alarmhub.server;

import io.alarmhub.server.config.ConfigException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
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

    private static void generate(Path file, int bytes, String what, String setting) throws IOException {
        byte[] key = new byte[bytes];
        new SecureRandom().nextBytes(key);
        Files.createDirectories(file.toAbsolutePath().getParent());
        try {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (FileAlreadyExistsException raced) {
            return;
        } catch (UnsupportedOperationException notPosix) {
            Files.createFile(file);
        }
        Files.writeString(file, HexFormat.of().formatHex(key) + "\n", StandardCharsets.US_ASCII);
        log.info("generated a {} into {}; set {} to choose your own", what, file.toAbsolutePath(), setting);
    }
}
