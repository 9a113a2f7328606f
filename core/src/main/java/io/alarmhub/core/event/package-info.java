/**
 * The one event model every device adapter produces ({@link io.alarmhub.core.event.DeviceEvent}), the
 * normalized alarm types, and {@link io.alarmhub.core.event.DeviceEvents}, which stores an event with the
 * pushes the routing rules make of it, in one transaction, before the adapter may tell the device "ok".
 */
package io.alarmhub.core.event;
