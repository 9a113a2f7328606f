package io.alarmhub.video.record;

import io.alarmhub.video.AudioFrame;
import io.alarmhub.video.MediaFrame;
import io.alarmhub.video.VideoCodec;
import io.alarmhub.video.codec.ParameterSets;
import io.alarmhub.video.mp4.FlacTrack;
import io.alarmhub.video.mp4.FragmentedMp4Writer;
import io.alarmhub.video.mp4.Mp4Tracks;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * One file being recorded: its writer and what its index row says. Frames of each kind go in time order; one
 * that would go back (a frame both in the ring's pre-record and in the queue behind it) is skipped.
 */
final class OpenFile {

    private final FragmentedMp4Writer writer;
    private final RecordingFile opened;
    private final List<String> alarmRefs = new ArrayList<>();
    private long lastVideo = Long.MIN_VALUE;
    private long lastAudio = Long.MIN_VALUE;
    private long serverEnd;
    private long cameraEnd;
    private final long startTime;

    private OpenFile(FragmentedMp4Writer writer, RecordingFile opened, long startTime) {
        this.writer = writer;
        this.opened = opened;
        this.serverEnd = opened.serverStart();
        this.cameraEnd = opened.cameraStart();
        this.startTime = startTime;
    }

    /** Opens a new file under {@code root} for frames coded with {@code sets}, starting at {@code time}. */
    static OpenFile open(Path root, String deviceId, RecordingKind kind, ParameterSets sets,
                         Optional<FlacTrack> audio, long time, long serverTime, long cameraTime) throws IOException {
        String day = Instant.ofEpochMilli(serverTime).atZone(ZoneOffset.UTC).toLocalDate().toString();
        Path dir = Files.createDirectories(root.resolve(deviceId).resolve(day));
        String id = UUID.randomUUID().toString();
        Path file = dir.resolve(serverTime + "-" + kind.name().toLowerCase() + "-" + id.substring(0, 8) + ".mp4");
        Mp4Tracks tracks = audio.map(a -> Mp4Tracks.withAudio(sets, a)).orElseGet(() -> Mp4Tracks.video(sets));
        FragmentedMp4Writer writer = FragmentedMp4Writer.create(file, tracks);
        RecordingFile opened = new RecordingFile(id, deviceId, kind,
                sets.codec() == VideoCodec.H264 ? "h264" : "h265", audio.isPresent() ? "flac" : "none", file,
                serverTime, serverTime, cameraTime, cameraTime, 0, List.of(), false);
        return new OpenFile(writer, opened, time);
    }

    boolean fits(ParameterSets sets) {
        return writer.fits(sets);
    }

    /** When the file's first frame was, on the camera's timeline. */
    long startTime() {
        return startTime;
    }

    void write(MediaFrame frame, long serverTime, long cameraTime) throws IOException {
        boolean audio = frame instanceof AudioFrame;
        long last = audio ? lastAudio : lastVideo;
        if (frame.time() <= last) {
            return;
        }
        writer.write(frame);
        if (audio) {
            lastAudio = frame.time();
        } else {
            lastVideo = frame.time();
        }
        serverEnd = Math.max(serverEnd, serverTime);
        cameraEnd = Math.max(cameraEnd, cameraTime);
    }

    void addAlarm(String ref) {
        if (!alarmRefs.contains(ref)) {
            alarmRefs.add(ref);
        }
    }

    RecordingFile opened() {
        return opened;
    }

    boolean isEmpty() {
        return writer.summary().isEmpty();
    }

    /** Closes the writer; the file as the index keeps it from now on. */
    RecordingFile close() throws IOException {
        writer.close();
        return describe(true);
    }

    RecordingFile describe(boolean complete) {
        return new RecordingFile(opened.id(), opened.deviceId(), opened.kind(), opened.videoCodec(),
                opened.audioCodec(), opened.path(), opened.serverStart(), serverEnd, opened.cameraStart(), cameraEnd,
                writer.summary().bytes(), alarmRefs, complete);
    }
}
