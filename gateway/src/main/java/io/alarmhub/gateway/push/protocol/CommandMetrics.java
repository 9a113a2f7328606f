package io.alarmhub.gateway.push.protocol;

import io.alarmhub.core.delivery.Face;
import io.alarmhub.gateway.command.CommandRefusal;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

import java.util.EnumMap;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The push faces' meters of alias proofs and device commands, tagged {@code face} ({@code tcp},
 * {@code websocket}, {@code socketio}, as the faces' other meters):
 * <ul>
 *   <li>{@code alarmhub.push.alias_proofs} (tag {@code result}: {@code proven}, {@code expired}, {@code invalid}):
 *   {@code t:21} / {@code prove_alias} requests checked;</li>
 *   <li>{@code alarmhub.push.commands} (tag {@code result}: {@code answered}, a {@link CommandRefusal.Reason}'s
 *   word, or {@code failed} for a commander that failed in a way it should not): device commands ended.</li>
 * </ul>
 * Every series is created up front, so that a scrape shows zeros rather than nothing.
 */
public final class CommandMetrics {

    /** How an alias proof ended. */
    public enum Proof {
        PROVEN, EXPIRED, INVALID
    }

    static final String ANSWERED = "answered";
    static final String FAILED = "failed";

    private final Map<Face, Map<Proof, Counter>> proofs = new EnumMap<>(Face.class);
    private final Map<Face, Map<String, Counter>> commands = new EnumMap<>(Face.class);

    public CommandMetrics(MeterRegistry registry) {
        for (Face face : Face.values()) {
            Map<Proof, Counter> byProof = new EnumMap<>(Proof.class);
            for (Proof proof : Proof.values()) {
                byProof.put(proof, Counter.builder("alarmhub.push.alias_proofs").tag("face", tag(face))
                        .tag("result", proof.name().toLowerCase(Locale.ROOT))
                        .description("alias proofs checked").register(registry));
            }
            proofs.put(face, byProof);
            Map<String, Counter> byResult = new HashMap<>();
            byResult.put(ANSWERED, command(registry, face, ANSWERED));
            byResult.put(FAILED, command(registry, face, FAILED));
            for (CommandRefusal.Reason reason : CommandRefusal.Reason.values()) {
                byResult.put(reason.word(), command(registry, face, reason.word()));
            }
            commands.put(face, Map.copyOf(byResult));
        }
    }

    /** The {@code face} tag the push faces' meters use. */
    public static String tag(Face face) {
        return switch (face) {
            case TCP -> "tcp";
            case WEBSOCKET -> "websocket";
            case SOCKET_IO -> "socketio";
        };
    }

    void proof(Face face, Proof result) {
        proofs.get(face).get(result).increment();
    }

    void answered(Face face) {
        commands.get(face).get(ANSWERED).increment();
    }

    void refused(Face face, CommandRefusal.Reason reason) {
        commands.get(face).get(reason.word()).increment();
    }

    void failed(Face face) {
        commands.get(face).get(FAILED).increment();
    }

    private static Counter command(MeterRegistry registry, Face face, String result) {
        return Counter.builder("alarmhub.push.commands").tag("face", tag(face)).tag("result", result)
                .description("device commands from push connections, by how they ended").register(registry);
    }
}
