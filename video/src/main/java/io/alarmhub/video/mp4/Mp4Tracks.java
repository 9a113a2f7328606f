package io.alarmhub.video.mp4;

import io.alarmhub.video.codec.ParameterSets;
import java.util.Optional;

/**
 * What one file holds: a video track (H.264 or H.265, one set of parameter sets for the whole file) and, when
 * the camera sends audio, a FLAC track. A file's tracks never change: new parameter sets need a new file.
 *
 * @param video the parameter sets of every frame the file will hold
 * @param audio the FLAC track, or empty for a file of video alone
 */
public record Mp4Tracks(ParameterSets video, Optional<FlacTrack> audio) {

    /** Video alone. */
    public static Mp4Tracks video(ParameterSets video) {
        return new Mp4Tracks(video, Optional.empty());
    }

    /** Video and FLAC audio. */
    public static Mp4Tracks withAudio(ParameterSets video, FlacTrack audio) {
        return new Mp4Tracks(video, Optional.of(audio));
    }

    /** How many tracks: 1 or 2. */
    int count() {
        return audio.isPresent() ? 2 : 1;
    }
}
