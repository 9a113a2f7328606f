package io.alarmhub.server.config;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Where a loaded configuration's values came from: the file (and which keys it set), the environment
 * (which keys, from which variable), and the defaults for everything else. Logged at start, so that an
 * operator can tell a value the file gave from one the file left out.
 *
 * @param file        the file read, or empty when none was given
 * @param fileKeys    the keys the file set, as key paths ({@code rest.port}; a list as a whole:
 *                    {@code devices.known})
 * @param environment key paths set from the environment, with their variable
 */
public record ConfigOrigins(Optional<Path> file, List<String> fileKeys, Map<String, String> environment) {

    /** Before anything is loaded. */
    public static final ConfigOrigins NONE = new ConfigOrigins(Optional.empty(), List.of(), Map.of());

    public ConfigOrigins {
        fileKeys = List.copyOf(fileKeys);
        environment = Map.copyOf(environment);
    }

    /** One line: {@code /etc/alarmhub.yaml sets rest.port, tcp.port; tokens.key from ALARMHUB_TOKEN_KEY; ...}. */
    public String describe() {
        StringBuilder line = new StringBuilder();
        if (file.isEmpty()) {
            line.append("no file given");
        } else if (fileKeys.isEmpty()) {
            line.append(file.get()).append(" sets nothing");
        } else {
            line.append(file.get()).append(" sets ").append(String.join(", ", fileKeys));
        }
        environment.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .forEach(e -> line.append("; ").append(e.getKey()).append(" from ").append(e.getValue()));
        return line.append("; everything else has its default").toString();
    }
}
