package io.alarmhub.gateway.device.hemu.plan;

import io.alarmhub.gateway.device.hemu.platform.ServerCommand;

import java.util.Objects;
import java.util.OptionalInt;

/**
 * A camera's plan as it is told: its own values where an operator set them, the configured ones for the rest.
 *
 * @param status      {@code device_status}
 * @param serviceDays {@code service_days}: the document gives it meaning for the recording plans only; it is told
 *                    with every plan all the same, as the login answer always carries it
 * @param thumbnails  what {@code DevServerCmd} type 9 asks for
 */
public record CameraPlan(PlanStatus status, int serviceDays, Thumbnails thumbnails) {

    public CameraPlan {
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(thumbnails, "thumbnails");
        if (serviceDays < 0) {
            throw new IllegalArgumentException("service days " + serviceDays);
        }
    }

    /** {@code DevServerCmd} type 7 with this plan. */
    public ServerCommand.Plan command() {
        return new ServerCommand.Plan(status.code(), OptionalInt.of(serviceDays));
    }

    /** The part owners hear of in a status event: the plan and its days, not the thumbnails. */
    public Terms terms() {
        return new Terms(status, serviceDays);
    }

    /** What a camera's owners are told of its plan. */
    public record Terms(PlanStatus status, int serviceDays) {

        public Terms {
            Objects.requireNonNull(status, "status");
        }
    }
}
