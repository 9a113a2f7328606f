package io.alarmhub.server.config;

import java.time.Duration;

import static io.alarmhub.gateway.device.Sections.positive;

/**
 * Limits of the push service ({@code push}).
 *
 * @param defaultTtl       the time to live of a publish that names none; at most {@code maxTtl}
 * @param maxTtl           the longest time to live accepted
 * @param replayLimit      pending messages read per page when replaying on connect; the most one pull returns
 * @param purgeInterval    how often expired messages are deleted
 * @param maxNameLength    longest alias, topic, room or user
 * @param maxTargets       most topics or aliases one publish or register may name
 * @param maxMessageLength longest {@code msg} (and device {@code command}), in characters of its JSON text
 * @param maxCommandsInFlight device commands of one push connection awaiting their answers at once
 */
public record PushSection(Duration defaultTtl, Duration maxTtl, int replayLimit, Duration purgeInterval,
                          int maxNameLength, int maxTargets, int maxMessageLength, int maxCommandsInFlight) {

    public static final PushSection DEFAULT = new PushSection(Duration.ofDays(1), Duration.ofDays(10), 1000,
            Duration.ofMinutes(1), 128, 1000, 64 * 1024, 8);

    /** A default past the maximum would refuse every publish that names no time to live. */
    public PushSection {
        positive("default-ttl", defaultTtl);
        positive("max-ttl", maxTtl);
        if (defaultTtl.compareTo(maxTtl) > 0) {
            throw new IllegalArgumentException("default-ttl: " + defaultTtl + " must not exceed max-ttl (" + maxTtl
                    + ")");
        }
        positive("replay-limit", replayLimit);
        positive("purge-interval", purgeInterval);
        positive("max-name-length", maxNameLength);
        positive("max-targets", maxTargets);
        positive("max-message-length", maxMessageLength);
        positive("max-commands-in-flight", maxCommandsInFlight);
    }
}
