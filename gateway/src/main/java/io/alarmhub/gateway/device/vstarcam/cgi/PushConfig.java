package io.alarmhub.gateway.device.vstarcam.cgi;

import io.alarmhub.gateway.device.vstarcam.VStarcamSettings;

import java.net.URI;
import java.util.Locale;
import java.util.Objects;

/**
 * A camera's alarm push settings, the fields of {@code get_alarm_push_cfg.cgi} and
 * {@code set_alarm_push_cfg.cgi}.
 *
 * @param heartbeatTime       seconds between heartbeats
 * @param heartbeatServer     the URL heartbeats are POSTed to
 * @param alarmPushMainServer the URL alarms are POSTed to
 * @param alarmPushSubServer  the URL alarms are POSTed to when the main server fails
 */
public record PushConfig(int heartbeatTime, String heartbeatServer, String alarmPushMainServer,
                         String alarmPushSubServer) {

    public PushConfig {
        Objects.requireNonNull(heartbeatServer, "heartbeatServer");
        Objects.requireNonNull(alarmPushMainServer, "alarmPushMainServer");
        Objects.requireNonNull(alarmPushSubServer, "alarmPushSubServer");
    }

    /**
     * The settings that point a camera at an alarmhub: heartbeats to {@code <server><heartbeatPath>}, both
     * alarm servers to {@code <server><alarmPath>}.
     *
     * @param server the alarmhub's address as the camera reaches it, {@code http://192.168.1.10:9920}
     */
    public static PushConfig pointingAt(URI server, int heartbeatTime, VStarcamSettings settings) {
        String scheme = server.getScheme() == null ? "" : server.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https") || server.getHost() == null) {
            throw new IllegalArgumentException("the server must be an http:// address with a host, was " + server);
        }
        if (server.getRawQuery() != null || server.getRawFragment() != null) {
            throw new IllegalArgumentException("the server address takes no query, was " + server);
        }
        if (heartbeatTime < 1) {
            throw new IllegalArgumentException("heartbeatTime must be positive, was " + heartbeatTime);
        }
        String base = server.toString();
        while (base.endsWith("/")) {
            base = base.substring(0, base.length() - 1);
        }
        String alarm = base + settings.alarmPath();
        return new PushConfig(heartbeatTime, base + settings.heartbeatPath(), alarm, alarm);
    }

    /** The four fields, one {@code name=value} a line, in the CGI's order. */
    public String describe() {
        return "heartbeatTime=" + heartbeatTime + "\n"
                + "heartbeatServer=" + heartbeatServer + "\n"
                + "alarmPushMainServer=" + alarmPushMainServer + "\n"
                + "alarmPushSubServer=" + alarmPushSubServer + "\n";
    }
}
