package io.alarmhub.gateway.push.protocol;

import io.alarmhub.core.delivery.PushHub;

/** What every push connection of a node shares. */
public record PushContext(PushHub hub, DoorUnits doors, RoomCounts rooms, PushLimits limits) {
}
