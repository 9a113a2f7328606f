/**
 * The YAML configuration: every port, limit, key and timeout, each with a default, so that an empty
 * file (or none) runs a complete node. Secrets may come from the environment instead of the file.
 *
 * <p>Each section is an immutable record ({@link io.alarmhub.server.config.RestSection},
 * {@link io.alarmhub.server.config.StreamSection}, ...) whose {@code DEFAULT} is the only place its defaults
 * are written and whose constructor checks its values, naming the key within the section and the value;
 * {@link io.alarmhub.server.config.AlarmhubConfig} holds them, checks the rules across sections, and holds
 * the vendors' sections. {@link io.alarmhub.server.config.ConfigLoader} writes the defaults to a tree,
 * merges the file (and the environment's secrets) over it, binds the result, and puts the section path in
 * front of a record's message, so a mistake reads {@code rest.port: 70000 is not a port (0-65535)}.
 */
package io.alarmhub.server.config;
