package io.alarmhub.server;

import io.alarmhub.server.config.AlarmhubConfig;
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
 * Finds the token key: from the configuration or the environment, else from {@code token.key} in the
 * data directory, which is generated on first use so that a fresh node works without set-up and the
 * server and the {@code token} command agree on the key.
 */
final class TokenKeys {

    private static final Logger log = LoggerFactory.getLogger(TokenKeys.class);
    static final String FILE = "token.key";

    private TokenKeys() {
    }

    static String resolve(AlarmhubConfig config) {
        if (!config.tokens.key.isEmpty()) {
            return config.tokens.key;
        }
        Path file = config.data.dir.resolve(FILE);
        try {
            if (!Files.exists(file)) {
                generate(file);
            }
            String key = Files.readString(file, StandardCharsets.US_ASCII).trim();
            if (!key.matches("[0-9a-fA-F]{32}")) {
                throw new ConfigException(file + " does not hold 32 hex characters");
            }
            return key;
        } catch (IOException e) {
            throw new ConfigException("cannot read or create the token key " + file + ": " + e.getMessage(), e);
        }
    }

    private static void generate(Path file) throws IOException {
        byte[] key = new byte[16];
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
        log.info("generated a token key into {}; set tokens.key or ALARMHUB_TOKEN_KEY to choose your own",
                file.toAbsolutePath());
    }
}
