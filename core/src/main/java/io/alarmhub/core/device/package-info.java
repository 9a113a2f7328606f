/**
 * The devices alarmhub knows: who they are ({@link io.alarmhub.core.device.DeviceId}), who owns them, whether
 * they are online, and when they last raised an alarm. {@link io.alarmhub.core.device.DeviceRegistry} holds
 * them in memory, backed by the store, and decides whether an unknown device may register on first contact.
 */
package io.alarmhub.core.device;
