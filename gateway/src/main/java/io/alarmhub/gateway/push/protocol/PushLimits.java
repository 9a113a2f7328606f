package io.alarmhub.gateway.push.protocol;

/**
 * Bounds on what one push request may carry.
 *
 * @param maxNameLength       longest alias, topic, room or user name, in characters
 * @param maxTargets          most topics or aliases one publish or register may name
 * @param maxMessageLength    longest {@code msg} (and device {@code command}), in characters of its JSON text
 * @param maxCommandsInFlight device commands of one connection awaiting their answers at once; more are
 *                            refused {@code busy}
 */
public record PushLimits(int maxNameLength, int maxTargets, int maxMessageLength, int maxCommandsInFlight) {

    /** The default number of device commands a connection may have awaiting answers. */
    public static final int DEFAULT_COMMANDS_IN_FLIGHT = 8;

    public static final PushLimits DEFAULT = new PushLimits(128, 1000, 64 * 1024, DEFAULT_COMMANDS_IN_FLIGHT);

    public PushLimits {
        if (maxCommandsInFlight < 1) {
            throw new IllegalArgumentException("maxCommandsInFlight must be positive, was " + maxCommandsInFlight);
        }
    }

    /** Limits with the default bound on device commands in flight. */
    public PushLimits(int maxNameLength, int maxTargets, int maxMessageLength) {
        this(maxNameLength, maxTargets, maxMessageLength, DEFAULT_COMMANDS_IN_FLIGHT);
    }
}
