package io.alarmhub.server;

import io.alarmhub.server.config.AlarmhubConfig;

import java.util.HexFormat;

/**
 * Finds the token key: from the configuration or the environment, else from {@code token.key} in the
 * data directory, which is generated on first use so that a fresh node works without set-up and the
 * server and the {@code token} command agree on the key.
 */
final class TokenKeys {

    static final String FILE = "token.key";

    private TokenKeys() {
    }

    static String resolve(AlarmhubConfig config) {
        if (!config.tokens().key().isEmpty()) {
            return config.tokens().key();
        }
        return HexFormat.of().formatHex(KeyFiles.readOrGenerate(config.data().dir().resolve(FILE), 16, "token key",
                "tokens.key or ALARMHUB_TOKEN_KEY"));
    }
}
