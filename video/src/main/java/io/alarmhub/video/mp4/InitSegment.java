package io.alarmhub.video.mp4;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;

/**
 * The head of a fragmented MP4 file: {@code ftyp} and a {@code moov} whose sample tables are empty, because the
 * samples come in the fragments after it. Its durations are written as 0 (unknown, which every reader accepts
 * of a fragmented file, and what a file killed mid-write keeps) and are {@linkplain #patchDurations patched in
 * place} when the file is closed, so that players show its length without reading every fragment.
 *
 * <p>The brands are those FFmpeg writes with {@code -movflags frag_keyframe+empty_moov+default_base_moof}:
 * {@code iso5} promises {@code tfdt} and default-base-is-moof, which the fragments rely on.
 */
final class InitSegment {

    /** Track IDs in {@code tkhd}, {@code trex} and {@code tfhd}. */
    static final int VIDEO_TRACK = 1;
    static final int AUDIO_TRACK = 2;

    /**
     * Video and the movie count milliseconds: frames come with millisecond times, so a millisecond timescale
     * holds them exactly (a 90 kHz clock would only multiply them by 90) and its 32-bit durations reach 49 days.
     */
    static final int VIDEO_TIMESCALE = 1000;
    static final int MOVIE_TIMESCALE = 1000;

    private final byte[] bytes;
    private final int[] timescales;
    private final int movieDuration;
    private final int fragmentDuration;
    private final int[] trackDurations;
    private final int[] mediaDurations;

    private InitSegment(Boxes boxes, int[] timescales, int movieDuration, int fragmentDuration,
            int[] trackDurations, int[] mediaDurations) {
        this.bytes = boxes.toByteArray();
        this.timescales = timescales;
        this.movieDuration = movieDuration;
        this.fragmentDuration = fragmentDuration;
        this.trackDurations = trackDurations;
        this.mediaDurations = mediaDurations;
    }

    static InitSegment of(Mp4Tracks tracks) {
        int count = tracks.count();
        int[] timescales = new int[count];
        int[] trackDurations = new int[count];
        int[] mediaDurations = new int[count];
        Boxes boxes = new Boxes(2048, 64 * 1024);
        boxes.open("ftyp").fourcc("iso5").u32(512).fourcc("iso5").fourcc("iso6").fourcc("mp41").close();
        boxes.open("moov");
        int movieDuration = movieHeader(boxes, count + 1);
        TrackBoxes.Offsets video = TrackBoxes.video(boxes, tracks.video());
        timescales[0] = VIDEO_TIMESCALE;
        trackDurations[0] = video.trackDuration();
        mediaDurations[0] = video.mediaDuration();
        tracks.audio().ifPresent(flac -> {
            TrackBoxes.Offsets audio = TrackBoxes.audio(boxes, flac);
            timescales[1] = flac.sampleRate();
            trackDurations[1] = audio.trackDuration();
            mediaDurations[1] = audio.mediaDuration();
        });
        boxes.open("mvex");
        boxes.open("mehd", 0, 0);
        int fragmentDuration = boxes.position();
        boxes.u32(0).close();
        for (int track = 1; track <= count; track++) {
            // Every sample's duration, size and flags are in its trun: the defaults here are never used.
            boxes.open("trex", 0, 0).u32(track).u32(1).u32(0).u32(0).u32(0).close();
        }
        boxes.close().close();
        return new InitSegment(boxes, timescales, movieDuration, fragmentDuration, trackDurations,
                mediaDurations);
    }

    /** Writes {@code mvhd}; the offset of its duration. */
    private static int movieHeader(Boxes boxes, int nextTrack) {
        boxes.open("mvhd", 0, 0).u32(0).u32(0).u32(MOVIE_TIMESCALE);
        int duration = boxes.position();
        boxes.u32(0).u32(0x10000).u16(0x100).zeros(10).unityMatrix().zeros(24).u32(nextTrack).close();
        return duration;
    }

    byte[] bytes() {
        return bytes.clone();
    }

    int size() {
        return bytes.length;
    }

    /**
     * Writes the durations into the file's init segment, which starts at offset 0 of {@code channel}.
     *
     * @param mediaDurations each track's duration in its own timescale, video first
     */
    void patchDurations(FileChannel channel, long[] mediaDurations) throws IOException {
        long movie = 0;
        for (int track = 0; track < timescales.length; track++) {
            long inMovie = (mediaDurations[track] * MOVIE_TIMESCALE + timescales[track] - 1) / timescales[track];
            movie = Math.max(movie, inMovie);
            write(channel, this.mediaDurations[track], mediaDurations[track]);
            write(channel, trackDurations[track], inMovie);
        }
        write(channel, movieDuration, movie);
        write(channel, fragmentDuration, movie);
    }

    private static void write(FileChannel channel, int at, long value) throws IOException {
        ByteBuffer field = ByteBuffer.allocate(4).putInt(0, (int) value);
        while (field.hasRemaining()) {
            channel.write(field, at + field.position());
        }
    }
}
