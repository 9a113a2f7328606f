/**
 * The VStarcam camera's own CGI, to point a camera at alarmhub: {@code get_alarm_push_cfg.cgi} reads and
 * {@code set_alarm_push_cfg.cgi} sets {@code heartbeatTime}, {@code heartbeatServer},
 * {@code alarmPushMainServer} and {@code alarmPushSubServer}, logging in with the query parameters
 * {@code loginuse} and {@code loginpas}. The {@code alarmhub camera} command uses it.
 */
package io.alarmhub.gateway.device.vstarcam.cgi;
