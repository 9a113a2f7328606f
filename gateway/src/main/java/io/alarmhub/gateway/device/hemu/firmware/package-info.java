/**
 * Firmware updates of Hemu cameras (5.2.9.14, 5.2.11.2): the packages operators register (uploaded in pieces
 * through the RestServer, or fetched from a URL), kept as lasting media files and offered to cameras at
 * expiring signed URLs; the rollouts that send a package's upgrade command ({@code DevAppCmd} 33, request
 * 4097) to cameras as they are online; and each camera's update, followed through its progress reports
 * ({@code DevIpCamCmd} type 1, request 2049) to its confirmation by the new version it reports
 * ({@code MSG_P_THD_SET_CAMERA_INFO_REQ}), a failure, or a timeout. Everything an operator or owner is told is
 * durable first, and a rollout's state survives a restart.
 */
package io.alarmhub.gateway.device.hemu.firmware;
