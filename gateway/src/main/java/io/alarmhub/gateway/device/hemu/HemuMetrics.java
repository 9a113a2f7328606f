package io.alarmhub.gateway.device.hemu;

import io.alarmhub.gateway.ServerChannels;
import io.alarmhub.gateway.command.CommandRefusal;
import io.alarmhub.gateway.device.DeviceMetrics;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The Hemu vocabulary of the shared {@link DeviceMetrics}, tagged {@code vendor=hemu}, every counter created
 * up front:
 * <ul>
 *   <li>{@code alarmhub.device.messages}, {@code type}: one per OpenAPI message type ({@link #TYPES})</li>
 *   <li>{@code alarmhub.device.bad_input}, {@code reason}: {@link #REASONS}</li>
 *   <li>{@code alarmhub.device.connections.open}: OpenAPI and HEDGW connections</li>
 *   <li>{@code alarmhub.device.closed}, {@code reason}: {@code idle}, {@code request_timeout} (OpenAPI),
 *       {@code login_timeout}, {@code ping_timeout}, {@code bad_frames}, {@code replaced}, {@code unbound} (HEDGW)</li>
 * </ul>
 * and one of its own, {@value #BUSY} ({@code reason}: {@code nonces}, {@code waiting}, {@code store}): requests
 * refused 503 because the nonce cache, the registration tokens waiting for cameras, or the store could take no
 * more; and {@value #SERVER_COMMANDS} ({@code type}: {@code plan}, {@code thumbnails}): {@code DevServerCmd}s of
 * types 7 and 9 sent to cameras for their plans.
 *
 * <p>Apps' commands to cameras: {@value #COMMANDS} ({@code outcome}: {@link #COMMAND_OUTCOMES}) and
 * {@value #COMMAND_REFUSALS} ({@code reason}: every {@link CommandRefusal.Reason}'s word).
 * <p>What cameras report of themselves: {@link ReportMeters}.
 *
 * <p>Firmware updates have two of their own: {@value #FIRMWARE_UPDATES} ({@code outcome}: {@code started} when a
 * camera is sent its upgrade command, then {@code confirmed}, {@code failed} or {@code timed_out} when its update
 * ends), and {@value #FIRMWARE_UNMATCHED}, progress reports that match no update of the camera.
 */
public final class HemuMetrics {

    public static final String BUSY = "alarmhub.hemu.busy";
    public static final String SERVER_COMMANDS = "alarmhub.hemu.server_commands";
    public static final String COMMANDS = "alarmhub.hemu.commands";
    public static final String COMMAND_REFUSALS = "alarmhub.hemu.command.refusals";
    /**
     * What became of apps' commands: {@code sent} to a camera, {@code answered} by it (whatever its
     * {@code response}), of those {@code camera_refused} ({@code response} not 0), and {@code stray}: answers no
     * command waits for, dropped.
     */
    public static final List<String> COMMAND_OUTCOMES = List.of("sent", "answered", "camera_refused", "stray");
    public static final String FIRMWARE_UPDATES = "alarmhub.hemu.firmware.updates";
    public static final String FIRMWARE_UNMATCHED = "alarmhub.hemu.firmware.unmatched";
    /** How a camera's firmware update went: sent its command, then how it ended. */
    public static final List<String> FIRMWARE_OUTCOMES = List.of("started", "confirmed", "failed", "timed_out");
    public static final List<String> TYPES = List.of("add_camera", "bind_info", "capacity", "chn_addr",
            "get_settings", "set_settings", "set_info", "login", "ping", "pong", "event", "ipcam", "media", "other");
    /** Why a request was refused: WSSE (401) first, then the request's own faults. */
    public static final List<String> REASONS = List.of("wsse", "unknown_key", "digest", "stale", "replayed",
            "username", "signature", "params", "json", "value", "device_id", "model", "bound", "credentials",
            "refused_device", "too_large", "malformed_http", "not_found", "method", "plain_http",
            "zero_length", "too_long", "unparseable", "missing_required", "not_login", "login_refused",
            "ipcam_unreadable");

    private final DeviceMetrics shared;
    private final Map<String, Counter> messages;
    private final Map<String, Counter> badInput;
    private final Map<String, Counter> busy;
    private final Map<String, Counter> serverCommands;
    private final Map<String, Counter> commands;
    private final Map<CommandRefusal.Reason, Counter> commandRefusals;
    private final ReportMeters reports;
    private final Map<String, Counter> firmware;
    private final Counter firmwareUnmatched;
    /** The OpenAPI's and the HEDGW's connections, which one gauge adds up. */
    private final List<ServerChannels> channels = new CopyOnWriteArrayList<>();

    public HemuMetrics(MeterRegistry registry) {
        shared = new DeviceMetrics(HemuAdapter.VENDOR, registry);
        messages = TYPES.stream().collect(Collectors.toUnmodifiableMap(Function.identity(), shared::messages));
        badInput = REASONS.stream().collect(Collectors.toUnmodifiableMap(Function.identity(), shared::badInput));
        busy = List.of("nonces", "waiting", "store").stream().collect(Collectors.toUnmodifiableMap(Function.identity(),
                reason -> Counter.builder(BUSY).description("Hemu requests refused 503: the nonce cache, the waiting registration tokens or the store is full")
                        .tag("vendor", HemuAdapter.VENDOR).tag("reason", reason).register(registry)));
        serverCommands = List.of("plan", "thumbnails").stream().collect(Collectors.toUnmodifiableMap(
                Function.identity(), type -> Counter.builder(SERVER_COMMANDS)
                        .description("DevServerCmd sent to Hemu cameras for their plans: 7 plan, 9 thumbnails")
                        .tag("vendor", HemuAdapter.VENDOR).tag("type", type).register(registry)));
        firmware = FIRMWARE_OUTCOMES.stream().collect(Collectors.toUnmodifiableMap(Function.identity(),
                outcome -> Counter.builder(FIRMWARE_UPDATES).description("Hemu cameras' firmware updates: started, and how they ended")
                        .tag("vendor", HemuAdapter.VENDOR).tag("outcome", outcome).register(registry)));
        firmwareUnmatched = Counter.builder(FIRMWARE_UNMATCHED)
                .description("Hemu firmware progress reports that match no update of the camera (its msgSession)")
                .tag("vendor", HemuAdapter.VENDOR).register(registry);
        shared.closed("idle");
        shared.closed("request_timeout");
        for (String reason : List.of("login_timeout", "ping_timeout", "bad_frames", "replaced", "unbound",
                "too_many_waiting")) {
            shared.closed(reason);
        }
        shared.connections(channels, list -> list.stream().mapToInt(ServerChannels::size).sum());
        commands = COMMAND_OUTCOMES.stream().collect(Collectors.toUnmodifiableMap(Function.identity(),
                outcome -> Counter.builder(COMMANDS)
                        .description("Apps' commands to Hemu cameras, and the cameras' answers").tag("vendor", HemuAdapter.VENDOR).tag("outcome", outcome).register(registry)));
        commandRefusals = Arrays.stream(CommandRefusal.Reason.values()).collect(Collectors.toUnmodifiableMap(
                Function.identity(), reason -> Counter.builder(COMMAND_REFUSALS)
                        .description("Apps' commands to Hemu cameras that got no answer from the camera, by reason")
                        .tag("vendor", HemuAdapter.VENDOR).tag("reason", reason.word()).register(registry)));
        reports = new ReportMeters(registry);
    }

    /** The meters of what cameras report of themselves: daily statistics, panoramas. */
    public ReportMeters reports() {
        return reports;
    }

    /** One of {@link #COMMAND_OUTCOMES}. */
    public void command(String outcome) {
        Counter counter = commands.get(outcome);
        if (counter == null) {
            throw new IllegalArgumentException("not a Hemu command outcome: " + outcome);
        }
        counter.increment();
    }

    public void commandRefused(CommandRefusal.Reason reason) {
        commandRefusals.get(reason).increment();
    }

    public void message(String type) {
        messages.get(type).increment();
    }

    public void badInput(String reason) {
        Counter counter = badInput.get(reason);
        if (counter == null) {
            throw new IllegalArgumentException("not a Hemu bad-input reason: " + reason);
        }
        counter.increment();
    }

    public void busy(String reason) {
        busy.get(reason).increment();
    }

    /** A {@code DevServerCmd} sent for a camera's plan: {@code plan} (type 7) or {@code thumbnails} (type 9). */
    public void serverCommand(String type) {
        serverCommands.get(type).increment();
    }

    /** A firmware update started ({@code started}) or ended ({@code confirmed}, {@code failed}, {@code timed_out}). */
    public void firmware(String outcome) {
        Counter counter = firmware.get(outcome);
        if (counter == null) {
            throw new IllegalArgumentException("not a firmware update outcome: " + outcome);
        }
        counter.increment();
    }

    /** A firmware progress report matched no update of its camera. */
    public void firmwareUnmatched() {
        firmwareUnmatched.increment();
    }

    public void closed(String reason) {
        shared.closed(reason).increment();
    }

    /** Counts a listener's connections in the open-connections gauge, until {@link #untrack}. */
    public void track(ServerChannels listener) {
        channels.add(listener);
    }

    public void untrack(ServerChannels listener) {
        channels.remove(listener);
    }

    public MeterRegistry registry() {
        return shared.registry();
    }
}
