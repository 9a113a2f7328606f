/**
 * What the Hemu platform keeps: cameras with their owners, token hashes, reports and settings, accounts'
 * {@code unifiedId}s, registration tokens and wired bindings, as vendor records in the store and in memory,
 * and the calls cameras ({@link io.alarmhub.gateway.device.hemu.platform.CameraCalls}) and app back ends
 * ({@link io.alarmhub.gateway.device.hemu.platform.AccountCalls}) make on it. No HTTP here.
 */
package io.alarmhub.gateway.device.hemu.platform;
