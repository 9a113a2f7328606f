package io.alarmhub.gateway.device.hemu.platform;

import java.util.OptionalInt;

/** A {@code DevServerCmd} (5.2.8): what the platform tells a camera without being asked. */
public sealed interface ServerCommand {

    /**
     * Type 7: the camera's plan changed. {@code deviceStatus} 0 trial, 1 cloud, 2 expired, 3 event recording,
     * 44 deleted; {@code serviceDays} for the recording plans.
     */
    record Plan(int deviceStatus, OptionalInt serviceDays) implements ServerCommand {
    }

    /**
     * Type 9: upload a thumbnail every {@code span} seconds (0 stops it), {@code width} × {@code height}.
     */
    record Thumbnails(int span, int width, int height) implements ServerCommand {
    }
}
