/**
 * Device adapters: the Netty pipelines that devices of each vendor connect to, one package per vendor
 * ({@code jovision}, {@code vstarcam}, {@code hemu}). Each adapter decodes its vendor's protocol, maps what
 * the device says to a {@link io.alarmhub.core.event.DeviceEvent}, hands it to
 * {@link io.alarmhub.core.event.DeviceEvents}, and answers the device "ok" only once the event is durable.
 */
package io.alarmhub.gateway.device;
