/**
 * Device adapters: the listeners that devices of each vendor connect to, one package per vendor
 * ({@code jovision}: CloudSEE devices over TCP JSON lines; {@code vstarcam}: cameras over HTTP heartbeats and
 * multipart alarms). Each adapter decodes its vendor's protocol, maps what the device says to a
 * {@link io.alarmhub.core.event.DeviceEvent}, hands it to {@link io.alarmhub.core.event.DeviceEvents}, and
 * answers the device "ok" only once the event is durable.
 *
 * <p>This package holds what they share: the {@link io.alarmhub.gateway.device.DeviceAdapter} contract each
 * vendor implements once, the {@link io.alarmhub.gateway.device.DeviceAdapterRegistry} that lists them (the
 * only list of vendors), the {@link io.alarmhub.gateway.device.DeviceContext} the node lends them and the
 * {@link io.alarmhub.gateway.device.Sections} checks of their configuration sections. docs/adding-a-vendor.md
 * says how a new vendor is added.
 */
package io.alarmhub.gateway.device;
