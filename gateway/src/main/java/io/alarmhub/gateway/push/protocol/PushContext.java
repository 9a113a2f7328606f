package io.alarmhub.gateway.push.protocol;

import io.alarmhub.core.delivery.PushHub;
import io.alarmhub.gateway.command.DeviceCommanders;

/**
 * What every push connection of a node shares.
 *
 * @param commands the vendors that take commands for their devices from apps on these faces
 */
public record PushContext(PushHub hub, DoorUnits doors, RoomCounts rooms, PushLimits limits,
                          DeviceCommanders commands) {

    /** A node whose vendors take no commands. */
    public PushContext(PushHub hub, DoorUnits doors, RoomCounts rooms, PushLimits limits) {
        this(hub, doors, rooms, limits, new DeviceCommanders());
    }
}
