package io.alarmhub.core.store;

import io.alarmhub.core.device.DeviceId;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The index entry of one recorded video file (fragmented MP4, written by the video module), kept in the
 * store's {@code recording} table; the file itself lies under the media directory at {@code mediaKey}. A
 * recording is put when its file opens ({@code complete} false) and put again when it closes, with its last
 * frame's time and its size.
 *
 * @param id          a UUID the recorder made
 * @param device      the camera
 * @param channel     the camera's channel: {@link #LIVE} or {@link #SD_CARD}
 * @param kind        why it was recorded
 * @param videoCodec  {@code h264} or {@code h265}
 * @param audioCodec  {@code flac}, or {@code none} when it has no sound
 * @param start       server time of its first frame
 * @param end         server time of its last frame (so far, while incomplete); not before {@code start}
 * @param cameraStart the camera's own clock ({@code ipcam_time}) at its first frame
 * @param cameraEnd   the camera's own clock at its last frame
 * @param bytes       the file's size (so far)
 * @param alarmRef    the ref of the alarm a clip belongs to
 * @param mediaKey    the file's path relative to the media directory
 * @param complete    false while the file is still being written (or was, when the server stopped)
 */
public record Recording(String id, DeviceId device, int channel, RecordingKind kind, String videoCodec,
                        String audioCodec, Instant start, Instant end, Instant cameraStart, Instant cameraEnd,
                        long bytes, Optional<String> alarmRef, String mediaKey, boolean complete) {

    /** The channel of what the camera sees now. */
    public static final int LIVE = 0;
    /** The channel of what the camera plays back from its SD card. */
    public static final int SD_CARD = 1;
    /** The longest id, alarm ref and media key: they are short names, and each is indexed. */
    public static final int MAX_TEXT = 255;
    /**
     * The longest a recording may last. The recorder cuts files far shorter; the bound is what lets the store
     * read the recordings overlapping a range by start alone, not scanning a camera's whole history.
     */
    public static final Duration MAX_DURATION = Duration.ofDays(1);

    private static final Pattern CODEC = Pattern.compile("[a-z0-9]{1,16}");

    public Recording {
        text(id, "id");
        Objects.requireNonNull(device, "device");
        Objects.requireNonNull(kind, "kind");
        codec(videoCodec, "videoCodec");
        codec(audioCodec, "audioCodec");
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(end, "end");
        // The camera's clock is not checked against itself: cameras set it while they stream, and it may jump back.
        Objects.requireNonNull(cameraStart, "cameraStart");
        Objects.requireNonNull(cameraEnd, "cameraEnd");
        Objects.requireNonNull(alarmRef, "alarmRef");
        alarmRef.ifPresent(ref -> text(ref, "alarmRef"));
        mediaKey(mediaKey);
        if (channel < 0) {
            throw new IllegalArgumentException("a channel is not negative, was " + channel);
        }
        if (end.isBefore(start)) {
            throw new IllegalArgumentException("recording " + id + " ends (" + end + ") before it starts (" + start + ")");
        }
        if (Duration.between(start, end).compareTo(MAX_DURATION) > 0) {
            throw new IllegalArgumentException("recording " + id + " lasts longer than " + MAX_DURATION);
        }
        if (bytes < 0) {
            throw new IllegalArgumentException("recording " + id + " has a negative size: " + bytes);
        }
    }

    private static void text(String value, String name) {
        Objects.requireNonNull(value, name);
        if (value.isBlank() || value.length() > MAX_TEXT) {
            throw new IllegalArgumentException(name + " must be 1 to " + MAX_TEXT + " characters and not blank");
        }
    }

    private static void codec(String value, String name) {
        Objects.requireNonNull(value, name);
        if (!CODEC.matcher(value).matches()) {
            throw new IllegalArgumentException(name + " is a lower-case codec name, was '" + value + "'");
        }
    }

    /** Whoever deletes a recording deletes its file: a key must not name one outside the media directory. */
    private static void mediaKey(String key) {
        text(key, "mediaKey");
        boolean relative = !key.startsWith("/") && key.indexOf('\\') < 0 && key.indexOf('\0') < 0;
        for (String segment : key.split("/", -1)) {
            relative &= !segment.isEmpty() && !segment.equals(".") && !segment.equals("..");
        }
        if (!relative) {
            throw new IllegalArgumentException("mediaKey is a path inside the media directory, was '" + key + "'");
        }
    }
}
