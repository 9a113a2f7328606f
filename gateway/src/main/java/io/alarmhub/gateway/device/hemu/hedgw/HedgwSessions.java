package io.alarmhub.gateway.device.hemu.hedgw;

import io.alarmhub.gateway.device.hemu.HedgwSettings;
import io.netty.channel.Channel;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * The cameras logged in to this node's HEDGW: one live connection (channel 0) and one SD-card upload
 * connection (channel 1) per camera at most, and how often each camera logged in lately. A second login on a
 * channel replaces the first, which is closed: a camera that lost its connection without noticing comes back
 * on a new one.
 */
public final class HedgwSessions {

    /** One logged-in connection, and the media its camera said it sends on it. */
    public record Session(String deviceId, int channel, Channel connection, MediaFormat media) {
    }

    private final Map<String, Session> sessions = new ConcurrentHashMap<>();
    private final Map<String, Deque<Instant>> logins = new ConcurrentHashMap<>();
    private final AtomicInteger waiting = new AtomicInteger();
    private final int maxConnections;
    private final int maxLoginsPerMinute;
    private final int maxWaitingLogins;

    /** With the limits of {@code hemu.hedgw}: {@code max-connections}, {@code max-logins-per-minute}, {@code max-waiting-logins}. */
    public HedgwSessions(HedgwSettings settings) {
        this.maxConnections = settings.maxConnections();
        this.maxLoginsPerMinute = settings.maxLoginsPerMinute();
        this.maxWaitingLogins = settings.maxWaitingLogins();
    }

    /**
     * Counts a new connection as waiting for its login; false (and not counted) when {@code max-waiting-logins}
     * connections wait already. Each one counted is {@link #loginEnded released} once, when it logs in or closes.
     */
    public boolean admitWaiting() {
        if (waiting.incrementAndGet() > maxWaitingLogins) {
            waiting.decrementAndGet();
            return false;
        }
        return true;
    }

    /** A connection counted by {@link #admitWaiting} logged in or closed. */
    public void loginEnded() {
        waiting.decrementAndGet();
    }

    /** Connections accepted and not yet logged in. */
    public int waiting() {
        return waiting.get();
    }

    /**
     * Why a login must wait (answered 2008), or empty: this node holds {@code maxConnections} logged-in
     * connections already, or the camera logged in {@code maxLoginsPerMinute} times within the last minute.
     * A login that may go on is counted.
     */
    public synchronized Optional<String> refusal(String deviceId, Instant now) {
        if (sessions.size() >= maxConnections && !sessions.containsKey(key(deviceId, 0))
                && !sessions.containsKey(key(deviceId, 1))) {
            return Optional.of("this node has " + maxConnections + " cameras connected (hemu.hedgw.max-connections)");
        }
        Deque<Instant> recent = logins.computeIfAbsent(deviceId, d -> new ArrayDeque<>());
        while (!recent.isEmpty() && recent.peekFirst().isBefore(now.minus(Duration.ofMinutes(1)))) {
            recent.removeFirst();
        }
        if (recent.size() >= maxLoginsPerMinute) {
            return Optional.of("the camera logged in " + recent.size() + " times within a minute"
                    + " (hemu.hedgw.max-logins-per-minute)");
        }
        recent.addLast(now);
        return Optional.empty();
    }

    /** Makes {@code session} its camera's on its channel; returns the one it replaces, to be closed. */
    public Optional<Session> attach(Session session) {
        return Optional.ofNullable(sessions.put(key(session.deviceId(), session.channel()), session));
    }

    /** Removes the session if it is still its camera's; false when a later login replaced it. */
    public boolean detach(Session session) {
        boolean current = sessions.remove(key(session.deviceId(), session.channel()), session);
        logins.computeIfPresent(session.deviceId(), (d, recent) -> recent.isEmpty() ? null : recent);
        return current;
    }

    /** The camera's connections here, live and SD-card. */
    public List<Session> of(String deviceId) {
        return Stream.of(sessions.get(key(deviceId, 0)), sessions.get(key(deviceId, 1))).filter(Objects::nonNull)
                .toList();
    }

    /** The camera's live connection, when it has one here. */
    public Optional<Session> live(String deviceId) {
        return Optional.ofNullable(sessions.get(key(deviceId, 0)));
    }

    public int size() {
        return sessions.size();
    }

    private static String key(String deviceId, int channel) {
        return deviceId + "/" + channel;
    }
}
