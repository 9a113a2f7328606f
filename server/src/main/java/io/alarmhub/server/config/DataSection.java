package io.alarmhub.server.config;

import io.alarmhub.gateway.device.Sections;
import java.nio.file.Path;

/**
 * Where the node keeps its files ({@code data}).
 *
 * @param dir the database, the generated token and media keys, and media live under it
 */
public record DataSection(Path dir) {

    public static final DataSection DEFAULT = new DataSection(Path.of("data"));

    public DataSection {
        Sections.present("dir", dir);
    }
}
