package io.alarmhub.video.mp4;

import io.alarmhub.video.AudioFrame;
import io.alarmhub.video.MediaFrame;
import io.alarmhub.video.VideoException;
import io.alarmhub.video.VideoFrame;
import io.alarmhub.video.codec.AccessUnits;
import io.alarmhub.video.codec.ParameterSets;
import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;

/**
 * Writes one camera's frames as a fragmented MP4 file: a recording segment or an event clip, for browsers
 * ({@code <video>} plays H.264 with FLAC) and FFmpeg. The init segment goes first, then one fragment per GOP; a
 * file cut anywhere, by a crash or a kill, still plays up to its last complete fragment.
 *
 * <p>The file starts at its first keyframe, which becomes its time 0: video before it cannot be decoded and is
 * dropped, and so is audio before it. Audio shares that origin, so the tracks stay in step. Frames carry no
 * composition offsets: cameras send no B-frames, so each frame is shown in the order it is decoded.
 *
 * <p>A file has one set of {@link ParameterSets}: when a camera's sets change (a new resolution), the caller closes the
 * file and starts another ({@link #fits}). Audio frames given to a file without an audio track are dropped.
 *
 * <p>Not thread-safe: one writer per file, used by one thread.
 */
public final class FragmentedMp4Writer implements Closeable {

    /** A fragment is cut at a keyframe, or sooner when it reaches this long, this many bytes or samples. */
    static final long MAX_FRAGMENT_MILLIS = 2_000;
    static final int MAX_FRAGMENT_BYTES = 8 * 1024 * 1024;
    static final int MAX_FRAGMENT_SAMPLES = Fragment.MAX_SAMPLES / 2;
    /** A file is a minute, a clip a few: a day is far past either, and keeps every 32-bit duration in range. */
    static final long MAX_SPAN_MILLIS = 24L * 60 * 60 * 1000;
    /**
     * Fragments are forced to disk at most this often (of media time), and at close. A kill loses nothing
     * written, the kernel keeps it; forcing only guards against a power cut, where losing the last seconds of
     * a recording is acceptable, while forcing every fragment of every camera's files would cost the disk a
     * flush per camera per second.
     */
    static final long SYNC_INTERVAL_MILLIS = 5_000;
    /** FLAC's largest block; a frame of audio is 20 or 40 ms, 160 or 320 samples. */
    static final int MAX_AUDIO_SAMPLES = 65_535;
    static final int MAX_FLAC_FRAME_BYTES = 64 * 1024;
    /** The duration of a file's only video frame, when no second one tells it: a frame at 25 fps. */
    private static final long LONE_FRAME_MILLIS = 40;

    private final FileChannel channel;
    private final Mp4Tracks tracks;
    private final InitSegment init;
    private final TrackQueue video = new TrackQueue();
    private final TrackQueue audio = new TrackQueue();
    private final List<TrackQueue> queues;
    private final Fragment fragment = new Fragment();
    private long origin = -1;
    private int sequence;
    private long bytes;
    private long syncedAt;
    private boolean failed;
    private boolean closed;

    private FragmentedMp4Writer(FileChannel channel, Mp4Tracks tracks, InitSegment init) {
        this.channel = channel;
        this.tracks = tracks;
        this.init = init;
        this.queues = tracks.audio().isPresent() ? List.of(video, audio) : List.of(video);
    }

    /**
     * Creates {@code file} and writes its init segment. An existing file is never replaced: a recording is not
     * lost to a name used twice. When the init segment cannot be written, the file is removed.
     *
     * @throws java.nio.file.FileAlreadyExistsException when {@code file} exists
     */
    public static FragmentedMp4Writer create(Path file, Mp4Tracks tracks) throws IOException {
        InitSegment init = InitSegment.of(tracks);
        FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        try {
            FragmentedMp4Writer writer = new FragmentedMp4Writer(channel, tracks, init);
            writer.append(new ByteBuffer[] {ByteBuffer.wrap(init.bytes())});
            return writer;
        } catch (IOException e) {
            channel.close();
            Files.deleteIfExists(file);
            throw e;
        }
    }

    public Mp4Tracks tracks() {
        return tracks;
    }

    /** Whether frames coded with {@code sets} belong in this file; when not, the caller starts a new one. */
    public boolean fits(ParameterSets sets) {
        return tracks.video().sameAs(sets);
    }

    /**
     * Adds a frame: a video frame coded with this file's parameter sets, or an audio frame whose {@code flac()}
     * is one FLAC frame of {@code samples()} samples. Frames of each kind come in time order.
     *
     * @throws VideoException when the frame is past its bounds, or more than a day after the file's start
     */
    public void write(MediaFrame frame) throws IOException {
        if (closed || failed) {
            throw new IOException("MP4 writer is " + (closed ? "closed" : "broken by an earlier failure"));
        }
        if (frame instanceof VideoFrame picture) {
            writeVideo(picture);
        } else if (frame instanceof AudioFrame sound) {
            writeAudio(sound);
        }
    }

    private void writeVideo(VideoFrame frame) throws IOException {
        if (frame.units().length == 0 || frame.units().length > AccessUnits.MAX_FRAME_BYTES) {
            throw new VideoException("video frame of " + frame.units().length + " bytes");
        }
        if (origin < 0) {
            if (!frame.keyframe()) {
                return;
            }
            origin = frame.time();
        }
        video.add(sinceOrigin(frame.time()), frame.units(), frame.keyframe(), 0);
        if ((frame.keyframe() && video.readyCount() > 0) || full()) {
            flush();
        }
    }

    private void writeAudio(AudioFrame frame) throws IOException {
        if (frame.samples() <= 0 || frame.samples() > MAX_AUDIO_SAMPLES || frame.flac().length == 0
                || frame.flac().length > MAX_FLAC_FRAME_BYTES) {
            throw new VideoException("audio frame of " + frame.samples() + " samples in " + frame.flac().length
                    + " bytes");
        }
        if (tracks.audio().isEmpty() || origin < 0 || frame.time() < origin) {
            return;
        }
        audio.add(sinceOrigin(frame.time()) * audioRate() / 1000, frame.flac(), true, frame.samples());
        if (full()) {
            flush();
        }
    }

    private long sinceOrigin(long time) {
        long since = time - origin;
        if (since > MAX_SPAN_MILLIS) {
            throw new VideoException("frame " + since + " ms after the file's start; a file spans a day at most");
        }
        return Math.max(0, since);
    }

    private boolean full() {
        return video.readyDuration() >= MAX_FRAGMENT_MILLIS
                || audio.readyDuration() * 1000 / audioRate() >= MAX_FRAGMENT_MILLIS
                || video.readyBytes() + audio.readyBytes() >= MAX_FRAGMENT_BYTES
                || video.readyCount() >= MAX_FRAGMENT_SAMPLES || audio.readyCount() >= MAX_FRAGMENT_SAMPLES;
    }

    private void flush() throws IOException {
        if (video.readyCount() == 0 && audio.readyCount() == 0) {
            return;
        }
        append(fragment.build(++sequence, queues));
        video.written();
        audio.written();
        long end = endMillis();
        if (end - syncedAt >= SYNC_INTERVAL_MILLIS) {
            channel.force(false);
            syncedAt = end;
        }
    }

    /** Appends at the end of the file; a failure leaves a partial fragment, after which nothing more is written. */
    private void append(ByteBuffer[] buffers) throws IOException {
        long total = 0;
        for (ByteBuffer buffer : buffers) {
            total += buffer.remaining();
        }
        try {
            long done = 0;
            while (done < total) {
                done += channel.write(buffers);
            }
        } catch (IOException e) {
            failed = true;
            throw e;
        }
        bytes += total;
    }

    /** The end of the longest track on disk, in milliseconds from the file's start, as {@code mvhd} has it. */
    private long endMillis() {
        return Math.max(video.writtenEnd(), (audio.writtenEnd() * 1000 + audioRate() - 1) / audioRate());
    }

    /** What is on disk: complete fragments, or the whole file once closed. */
    public Mp4Summary summary() {
        if (origin < 0) {
            return new Mp4Summary(bytes, 0, 0, 0, 0, 0);
        }
        long last = Math.max(video.writtenLast(), audio.writtenLast() * 1000 / audioRate());
        return new Mp4Summary(bytes, origin, origin + last, endMillis(), video.writtenCount(),
                audio.writtenCount());
    }

    private long audioRate() {
        return tracks.audio().map(FlacTrack::sampleRate).orElse(1000);
    }

    /**
     * Writes the frames held back, as the last fragment, fills in the durations, forces the file to disk and
     * closes it. After a failed write it only closes the file: what was written stays as it is.
     */
    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        try (channel) {
            if (failed) {
                return;
            }
            video.releaseHeld(LONE_FRAME_MILLIS);
            audio.releaseHeld(0);
            flush();
            long[] durations = tracks.audio().isPresent()
                    ? new long[] {video.writtenEnd(), audio.writtenEnd()} : new long[] {video.writtenEnd()};
            init.patchDurations(channel, durations);
            channel.force(false);
        }
    }
}
