/**
 * China Mobile Hemu ("和目") video cloud cameras, with alarmhub playing the platform (docs/hemu.md).
 *
 * <p>A camera ("TD") of a licensed manufacturer is registered to an app user's account through the
 * OpenAPI ({@link io.alarmhub.gateway.device.hemu.openapi}: HTTPS, WSSE and a signature with the
 * manufacturer's access secret), reports its capacities, versions and state, fetches its online
 * configuration and learns where the HEDGW signalling gateway is. What the platform keeps of cameras and
 * accounts is in {@link io.alarmhub.gateway.device.hemu.platform}; app back ends reach it through the
 * RestServer's {@code /hemu/} routes ({@link io.alarmhub.gateway.device.hemu.app}).
 */
package io.alarmhub.gateway.device.hemu;
