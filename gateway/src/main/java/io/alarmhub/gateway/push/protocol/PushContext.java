package io.alarmhub.gateway.push.protocol;

import io.alarmhub.core.auth.AliasTokens;
import io.alarmhub.core.delivery.PushHub;
import io.alarmhub.gateway.command.DeviceCommanders;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;

/**
 * What every push connection of a node shares.
 *
 * @param commands       the vendors that take commands for their devices from apps on these faces
 * @param aliasTokens    what a connection proves its alias with before it may command a device
 * @param commandMetrics the meters of alias proofs and device commands
 */
public record PushContext(PushHub hub, DoorUnits doors, RoomCounts rooms, PushLimits limits,
                         DeviceCommanders commands, AliasTokens aliasTokens, CommandMetrics commandMetrics) {

    /** How long the alias tokens of a node built without a token key are valid. */
    private static final Duration OWN_ALIAS_TOKEN_VALIDITY = Duration.ofHours(24);

    /**
     * A node whose alias tokens are keyed by a random key of its own: the tokens it mints verify on it alone.
     * The server passes its token key instead, so that every node sharing that key verifies them.
     */
    public PushContext(PushHub hub, DoorUnits doors, RoomCounts rooms, PushLimits limits,
                       DeviceCommanders commands) {
        this(hub, doors, rooms, limits, commands, new AliasTokens(randomKey(), OWN_ALIAS_TOKEN_VALIDITY,
                Duration.ZERO, Clock.systemUTC()), new CommandMetrics(new SimpleMeterRegistry()));
    }

    /** A node whose vendors take no commands. */
    public PushContext(PushHub hub, DoorUnits doors, RoomCounts rooms, PushLimits limits) {
        this(hub, doors, rooms, limits, new DeviceCommanders());
    }

    private static String randomKey() {
        byte[] key = new byte[16];
        new SecureRandom().nextBytes(key);
        return HexFormat.of().formatHex(key);
    }
}
