/**
 * Commands from apps to devices, whatever face carries them: a vendor that can command its devices registers a
 * {@link io.alarmhub.gateway.command.DeviceCommander} in the node's {@link
 * io.alarmhub.gateway.command.DeviceCommanders}; the push faces and the RestServer look it up by vendor, once
 * they know which alias asks, and hand the device's answer back to the connection that asked.
 */
package io.alarmhub.gateway.command;
