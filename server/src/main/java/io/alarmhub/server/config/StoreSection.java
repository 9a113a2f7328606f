package io.alarmhub.server.config;

import java.nio.file.Path;
import java.time.Duration;

import static io.alarmhub.gateway.device.Sections.positive;
import static io.alarmhub.gateway.device.Sections.present;

/**
 * The SQLite store ({@code store}).
 *
 * @param sqliteFile    the database file, relative to {@code data.dir} unless absolute
 * @param queueCapacity operations waiting for the writer; past this, publishes are refused rather than queued
 * @param maxBatch      most operations committed in one transaction (group commit)
 * @param commitDelay   how long a busy writer gathers operations before it commits; 0 commits at once
 */
public record StoreSection(Path sqliteFile, int queueCapacity, int maxBatch, Duration commitDelay) {

    public static final StoreSection DEFAULT = new StoreSection(Path.of("alarmhub.db"), 65_536, 1024,
            Duration.ofMillis(1));

    public StoreSection {
        present("sqlite-file", sqliteFile);
        positive("queue-capacity", queueCapacity);
        positive("max-batch", maxBatch);
        present("commit-delay", commitDelay);
        if (commitDelay.isNegative() || commitDelay.compareTo(Duration.ofSeconds(1)) > 0) {
            throw new IllegalArgumentException("commit-delay must be within 0 and 1s, was " + commitDelay);
        }
    }
}
