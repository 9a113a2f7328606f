package io.alarmhub.gateway.device.hemu.firmware;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * One camera's update in a rollout, and the rules it moves by; a value: each step returns the next one, which
 * the caller stores before anyone is told. Stored as a vendor record of kind {@value FirmwareStore#UPDATE},
 * keyed {@code <rollout>/<deviceId>}.
 *
 * <pre>
 * waiting ──login──▶ sent ──1,2,3,5,6──▶ updating ──7──▶ installed ──new version reported──▶ confirmed
 *    │                 │ └─────────7 (new version reported already)───────────────────────▶ confirmed
 *    │                 └──4, 8──▶ failed        (also from updating and installed)
 *    │                 └──device-timeout after sent──▶ timed_out   (also from updating and installed)
 *    └──cancel, unbound──▶ cancelled
 * </pre>
 *
 * A progress report counts only with the {@code msgSession} of the camera's command (5.2.11.2) and while the
 * update is under way; once it has ended, nothing moves it.
 *
 * @param msgSession  the session of the command sent, 0 before it is sent
 * @param status      the last progress {@code status} (1 to 8) stored, 0 before any
 * @param currentSize {@code currentSize} of that report
 * @param totalSize   {@code totalSize} of that report
 * @param comment     why it failed, was skipped or cancelled ({@code comment} of a failure report, up to 2,048
 *                    characters); empty otherwise
 * @param sent        when its command was sent
 * @param deadline    when it times out unless it has ended: {@code hemu.firmware.device-timeout} after it was sent
 * @param updated     when it last changed
 */
public record DeviceUpdate(String rollout, String deviceId, String model, State state, long msgSession, int status,
                           long currentSize, long totalSize, String comment, Optional<Instant> sent,
                           Optional<Instant> deadline, Instant updated) {

    /** The words of the {@code status} values 1 to 8 (5.2.11.2), as owners and operators are shown them. */
    public static final List<String> STATUS_WORDS = List.of("", "download_started", "downloading", "downloaded",
            "download_failed", "install_started", "installing", "installed", "install_failed");
    /** A downloading or installing report is stored (and pushed) when its percentage grew this much since. */
    static final int PERCENT_STEP = 10;

    /** Where a camera's update is. */
    public enum State {
        /** The camera has not been online since the rollout started: its command waits for its login. */
        WAITING,
        /** Its command was sent; no progress yet. */
        SENT,
        /** It reported downloading or installing (status 1, 2, 3, 5 or 6). */
        UPDATING,
        /** It reported status 7, installed; the new version it reports confirms it. */
        INSTALLED,
        CONFIRMED,
        /** It reported status 4 (download failed) or 8 (install failed). */
        FAILED,
        TIMED_OUT,
        /**
         * The operator cancelled the rollout before the camera was online, the camera was unbound, or
         * alarmhub's copy of the package went missing from the disk.
         */
        CANCELLED,
        /** Not sent: the camera was busy with another rollout's update when this one started. */
        SKIPPED;

        public boolean ended() {
            return compareTo(CONFIRMED) >= 0;
        }

        /** Whether the camera has its command: its progress reports count. */
        public boolean underWay() {
            return this == SENT || this == UPDATING || this == INSTALLED;
        }

        public String word() {
            return name().toLowerCase(Locale.ROOT);
        }

        static State of(String word) {
            return valueOf(word.toUpperCase(Locale.ROOT));
        }
    }

    public DeviceUpdate {
        Objects.requireNonNull(rollout, "rollout");
        Objects.requireNonNull(deviceId, "deviceId");
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(comment, "comment");
        Objects.requireNonNull(sent, "sent");
        Objects.requireNonNull(deadline, "deadline");
        Objects.requireNonNull(updated, "updated");
    }

    static DeviceUpdate waiting(String rollout, String deviceId, String model, Instant now) {
        return new DeviceUpdate(rollout, deviceId, model, State.WAITING, 0, 0, 0, 0, "", Optional.empty(),
                Optional.empty(), now);
    }

    static DeviceUpdate skipped(String rollout, String deviceId, String model, String why, Instant now) {
        return new DeviceUpdate(rollout, deviceId, model, State.SKIPPED, 0, 0, 0, 0, why, Optional.empty(),
                Optional.empty(), now);
    }

    /** The store's key: {@code <rollout>/<deviceId>}. */
    String key() {
        return rollout + "/" + deviceId;
    }

    /** Its command is sent with {@code msgSession}: it times out {@code timeout} from now unless it ends. */
    DeviceUpdate sent(long session, Instant now, Duration timeout) {
        require(state == State.WAITING, "send");
        return new DeviceUpdate(rollout, deviceId, model, State.SENT, session, 0, 0, 0, "", Optional.of(now),
                Optional.of(now.plus(timeout)), now);
    }

    /** Its command could not be sent after all (the camera went away meanwhile): it waits again. */
    DeviceUpdate unsent(Instant now) {
        require(state == State.SENT, "unsend");
        return waiting(rollout, deviceId, model, now);
    }

    /** Whether a progress report of this session is this update's. */
    public boolean matches(long session) {
        return state.underWay() && session == msgSession;
    }

    /**
     * A progress report of this update's session: the next update, or empty when the report adds nothing worth
     * storing (the same status again, a percentage grown by less than {@value #PERCENT_STEP}).
     *
     * @param versionInstalled whether the camera has reported the package's version already, which confirms a 7
     */
    Optional<DeviceUpdate> progress(int reported, long current, long total, String failure, boolean versionInstalled,
                                    Instant now) {
        require(state.underWay(), "report progress on");
        if (reported < 1 || reported > 8) {
            throw new IllegalArgumentException("status " + reported + " is not 1 to 8");
        }
        long cur = Math.max(0, current);
        long tot = Math.max(0, total);
        if (reported == 4 || reported == 8) {
            return Optional.of(with(State.FAILED, reported, cur, tot, failure.isEmpty() ? STATUS_WORDS.get(reported)
                    : failure, now));
        }
        if (reported == 7) {
            if (versionInstalled) {
                return Optional.of(with(State.CONFIRMED, 7, cur, tot, "", now));
            }
            return state == State.INSTALLED ? Optional.empty() : Optional.of(with(State.INSTALLED, 7, cur, tot, "", now));
        }
        if (state == State.UPDATING && reported == status && !grown(cur, tot)) {
            return Optional.empty();
        }
        return Optional.of(with(State.UPDATING, reported, cur, tot, "", now));
    }

    /** It reported status 7 and then the package's version: it is confirmed. */
    DeviceUpdate confirmed(Instant now) {
        require(state == State.INSTALLED, "confirm");
        return with(State.CONFIRMED, status, currentSize, totalSize, "", now);
    }

    /** Whether it is under way past its deadline. */
    public boolean overdue(Instant now) {
        return state.underWay() && deadline.filter(now::isAfter).isPresent();
    }

    DeviceUpdate timedOut(String why, Instant now) {
        require(state.underWay(), "time out");
        return with(State.TIMED_OUT, status, currentSize, totalSize, why, now);
    }

    DeviceUpdate cancelled(String why, Instant now) {
        require(!state.ended(), "cancel");
        return with(State.CANCELLED, status, currentSize, totalSize, why, now);
    }

    /** The word of the last status reported ({@code downloading}, …), empty before any. */
    public String statusWord() {
        return status >= 1 && status <= 8 ? STATUS_WORDS.get(status) : "";
    }

    private boolean grown(long current, long total) {
        int before = percent(currentSize, totalSize);
        int now = percent(current, total);
        return now >= 0 && (before < 0 || now >= before + PERCENT_STEP || (now == 100 && before < 100));
    }

    /** 0 to 100, or -1 when the sizes say nothing. */
    static int percent(long current, long total) {
        if (total <= 0 || current < 0) {
            return -1;
        }
        return (int) Math.min(100, (long) (100.0 * current / total));
    }

    private DeviceUpdate with(State next, int reported, long current, long total, String why, Instant now) {
        return new DeviceUpdate(rollout, deviceId, model, next, msgSession, reported, current, total, why, sent,
                deadline, now);
    }

    private void require(boolean allowed, String what) {
        if (!allowed) {
            throw new IllegalStateException("cannot " + what + " an update that is " + state.word());
        }
    }

    /** The stored form, which is also what operators are shown. */
    public ObjectNode json() {
        ObjectNode json = JsonNodeFactory.instance.objectNode().put("rollout", rollout).put("deviceId", deviceId)
                .put("model", model).put("state", state.word()).put("msgSession", msgSession)
                .put("status", status).put("currentSize", currentSize).put("totalSize", totalSize)
                .put("comment", comment);
        sent.ifPresent(t -> json.put("sent", t.toString()));
        deadline.ifPresent(t -> json.put("deadline", t.toString()));
        return json.put("updated", updated.toString());
    }

    static DeviceUpdate of(JsonNode json) {
        return new DeviceUpdate(json.path("rollout").asText(), json.path("deviceId").asText(),
                json.path("model").asText(), State.of(json.path("state").asText()), json.path("msgSession").asLong(),
                json.path("status").asInt(), json.path("currentSize").asLong(), json.path("totalSize").asLong(),
                json.path("comment").asText(), instant(json.path("sent")), instant(json.path("deadline")),
                Instant.parse(json.path("updated").asText()));
    }

    private static Optional<Instant> instant(JsonNode node) {
        return node.isTextual() ? Optional.of(Instant.parse(node.asText())) : Optional.empty();
    }
}
