package io.alarmhub.server;

import io.alarmhub.core.media.MediaSigner;
import io.alarmhub.server.config.ConfigLoader;

import java.nio.file.Path;

/**
 * Finds the secret that signs media URLs: 64 hex characters from the configuration or the environment
 * ({@value #ENV}), else {@code media.key} in the data directory, generated on first use like the token key.
 * Every node that serves the same media must share it; changing it voids the URLs already handed out.
 */
final class MediaKeys {

    static final String FILE = "media.key";
    static final String ENV = ConfigLoader.MEDIA_KEY_ENV;

    private MediaKeys() {
    }

    /**
     * @param configured the configured key, or empty for the data directory's
     * @param dataDir    where {@value #FILE} is kept
     * @return the {@value MediaSigner#SECRET_BYTES}-byte secret, for {@link MediaSigner#MediaSigner(byte[])}
     */
    static byte[] resolve(String configured, Path dataDir) {
        if (!configured.isBlank()) {
            return KeyFiles.parse(configured, MediaSigner.SECRET_BYTES, "media.key (or " + ENV + ")");
        }
        return KeyFiles.readOrGenerate(dataDir.resolve(FILE), MediaSigner.SECRET_BYTES, "media key",
                "media.key or " + ENV);
    }
}
