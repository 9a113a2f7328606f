package io.alarmhub.video;

/** The audio a camera sends: {@code audio_type} of its login (1 G.726, 2 G.711 A-law), 8 kHz mono. */
public enum AudioCodec {
    G726,
    G711A;

    /** The codec of a login's {@code audio_type}; 1 is G.726, anything else G.711 A-law. */
    public static AudioCodec ofAudioType(int audioType) {
        return audioType == 1 ? G726 : G711A;
    }
}
