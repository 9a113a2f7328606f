package io.alarmhub.gateway.device.hemu;

import io.alarmhub.gateway.device.Sections;

import java.time.Duration;

/**
 * How the HEDGW signalling gateway treats cameras ({@code hemu.hedgw}): what a login tells them and the
 * limits their connections live within.
 *
 * @param pingPongSpan         {@code ping_pong_span}: how often a camera pings; a connection silent for three
 *                             times this is closed and the camera goes offline
 * @param plan                 {@code device_status} told at login while the camera has no plan of its own:
 *                             0 trial, 1 cloud, 2 expired, 3 event recording. 2 by default: until alarmhub
 *                             stores video, a camera should upload none unasked
 * @param serviceDays          {@code service_days} told with it
 * @param sdUploadMode         {@code sd_upload_mode}: 1 everything cached while offline, 2 events only
 * @param personCountSpan      {@code person_count_span}: how often a camera reports people counts
 * @param loginTimeout         a connection that has not logged in by then is closed
 * @param maxFrameBeforeLogin  the largest frame before login
 * @param maxFrameAfterLogin   the largest frame after login (video frames are large)
 * @param maxBadFrames         after login, a connection is closed at this many bad frames
 * @param maxConnections       logged-in connections this node takes; past them a login is answered 2008
 * @param maxLoginsPerMinute   logins of one camera in a minute; past them a login is answered 2008
 * @param maxWaitingLogins     connections not yet logged in that this node holds at once; past them a new
 *                             connection is closed as soon as it is accepted (each waits at most
 *                             {@code login-timeout}, so a flood of silent connections cannot pile up)
 */
public record HedgwSettings(Duration pingPongSpan, int plan, int serviceDays, int sdUploadMode,
                            Duration personCountSpan, Duration loginTimeout, int maxFrameBeforeLogin,
                            int maxFrameAfterLogin, int maxBadFrames, int maxConnections, int maxLoginsPerMinute,
                            int maxWaitingLogins) {

    public static final HedgwSettings DEFAULT = new HedgwSettings(Duration.ofSeconds(30), 2, 0, 2,
            Duration.ofMinutes(10), Duration.ofSeconds(10), 4 * 1024, 2 * 1024 * 1024, 3, 10_000, 6, 1_000);

    public HedgwSettings {
        Sections.positive("hedgw.ping-pong-span", pingPongSpan);
        if (plan < 0 || plan > 3) {
            throw new IllegalArgumentException("hedgw.plan: " + plan + " is not 0 (trial), 1 (cloud), 2 (expired)"
                    + " or 3 (event recording)");
        }
        if (serviceDays < 0) {
            throw new IllegalArgumentException("hedgw.service-days: " + serviceDays + " is negative");
        }
        if (sdUploadMode != 1 && sdUploadMode != 2) {
            throw new IllegalArgumentException("hedgw.sd-upload-mode: " + sdUploadMode + " is not 1 or 2");
        }
        Sections.positive("hedgw.person-count-span", personCountSpan);
        Sections.positive("hedgw.login-timeout", loginTimeout);
        Sections.positive("hedgw.max-frame-before-login", maxFrameBeforeLogin);
        Sections.positive("hedgw.max-frame-after-login", maxFrameAfterLogin);
        Sections.positive("hedgw.max-bad-frames", maxBadFrames);
        Sections.positive("hedgw.max-connections", maxConnections);
        Sections.positive("hedgw.max-logins-per-minute", maxLoginsPerMinute);
        Sections.positive("hedgw.max-waiting-logins", maxWaitingLogins);
    }
}
