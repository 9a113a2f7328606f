/**
 * The YAML configuration: every port, limit, key and timeout, each with a default, so that an empty
 * file (or none) runs a complete node. Secrets may come from the environment instead of the file.
 */
package io.alarmhub.server.config;
