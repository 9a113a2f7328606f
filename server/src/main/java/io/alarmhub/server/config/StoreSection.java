package io.alarmhub.server.config;

import java.nio.file.Path;

import static io.alarmhub.gateway.device.Sections.positive;
import static io.alarmhub.gateway.device.Sections.present;

/**
 * The SQLite store ({@code store}).
 *
 * @param sqliteFile    the database file, relative to {@code data.dir} unless absolute
 * @param queueCapacity operations waiting for the writer; past this, publishes are refused rather than queued
 * @param maxBatch      most operations committed in one transaction (group commit)
 */
public record StoreSection(Path sqliteFile, int queueCapacity, int maxBatch) {

    public static final StoreSection DEFAULT = new StoreSection(Path.of("alarmhub.db"), 65_536, 1024);

    public StoreSection {
        present("sqlite-file", sqliteFile);
        positive("queue-capacity", queueCapacity);
        positive("max-batch", maxBatch);
    }
}
