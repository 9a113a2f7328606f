package io.alarmhub.gateway.push.protocol;

/**
 * Bounds on what one push request may carry.
 *
 * @param maxNameLength      longest alias, topic, room or user name, in characters
 * @param maxTargets         most topics or aliases one publish or register may name
 * @param maxMessageLength   longest {@code msg}, in characters of its JSON text
 */
public record PushLimits(int maxNameLength, int maxTargets, int maxMessageLength) {

    public static final PushLimits DEFAULT = new PushLimits(128, 1000, 64 * 1024);
}
