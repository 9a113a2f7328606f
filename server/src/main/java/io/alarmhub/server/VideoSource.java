package io.alarmhub.server;

import com.google.protobuf.ByteString;
import com.google.protobuf.UnsafeByteOperations;
import io.alarmhub.gateway.device.hemu.hedgw.HedgwFrameDecoder;
import io.alarmhub.video.AudioCodec;
import io.alarmhub.video.VideoCodec;
import io.alarmhub.video.VideoException;
import io.alarmhub.video.codec.AnnexB;
import io.alarmhub.video.codec.ParameterSets;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The media a simulated camera streams, read from files as a camera's encoder makes them: a raw H.264 or H.265
 * Annex B stream ({@code .h264}, {@code .h265}) cut into access units, and raw G.711 A-law ({@code .alaw}) or
 * G.726 at 32 kbit/s ({@code .g726}) cut into packets of 20 or 40 ms. Each file is read once, whole, and kept;
 * {@link MediaPackets} walks it as the {@code TDMediaPackage}s a camera sends. Immutable; no ffmpeg at run time.
 *
 * <p>An access unit begins at its parameter sets, access unit delimiter or prefix SEI, or at the first slice of
 * a picture (H.264 {@code first_mb_in_slice} 0, H.265 {@code first_slice_segment_in_pic_flag}). Pictures before
 * the first keyframe are left out, since a camera's upload starts at one.
 */
public final class VideoSource {

    /** The largest file read: a minute of 8 Mbit/s video; a longer test is looped instead. */
    public static final long MAX_FILE_BYTES = 64L * 1024 * 1024;
    /** The largest access unit: its package must fit the HEDGW's frame after login, with room for the rest. */
    public static final int MAX_PICTURE_BYTES = HedgwFrameDecoder.DEFAULT_MAX_FRAME_AFTER_LOGIN - 1024;

    /** One access unit; {@code sets} is the group in force, for a keyframe's {@code package_type} 3. */
    record Picture(boolean keyframe, ByteString data, ByteString sets) {
    }

    private final Optional<VideoCodec> videoCodec;
    private final List<Picture> pictures;
    private final Optional<ParameterSets> firstSets;
    private final int fps;
    private final Optional<AudioCodec> audioCodec;
    private final ByteString audio;
    private final int audioPacketMillis;

    private VideoSource(Optional<VideoCodec> videoCodec, List<Picture> pictures, Optional<ParameterSets> firstSets,
                        int fps, Optional<AudioCodec> audioCodec, ByteString audio, int audioPacketMillis) {
        this.videoCodec = videoCodec;
        this.pictures = List.copyOf(pictures);
        this.firstSets = firstSets;
        this.fps = fps;
        this.audioCodec = audioCodec;
        this.audio = audio;
        this.audioPacketMillis = audioPacketMillis;
    }

    /**
     * Reads the files; at least one of them must be given.
     *
     * @param fps               the video's frame rate: frame n is due at n × 1000 / fps ms
     * @param audioPacketMillis 20 or 40, as the document allows
     * @throws VideoException   when a file is not what its name says, or past its bounds
     * @throws IllegalArgumentException when neither file is given, or a name says no known format
     */
    public static VideoSource open(Optional<Path> video, Optional<Path> audio, int fps, int audioPacketMillis)
            throws IOException {
        if (video.isEmpty() && audio.isEmpty()) {
            throw new IllegalArgumentException("neither a video nor an audio file");
        }
        if (fps < 1 || fps > 60) {
            throw new IllegalArgumentException("fps " + fps + ": 1 to 60");
        }
        if (audioPacketMillis != 20 && audioPacketMillis != 40) {
            throw new IllegalArgumentException("audio packets of " + audioPacketMillis + " ms: 20 or 40");
        }
        Optional<VideoCodec> videoCodec = video.map(VideoSource::videoCodec);
        Optional<AudioCodec> audioCodec = audio.map(VideoSource::audioCodec);
        List<Picture> pictures = new ArrayList<>();
        Optional<ParameterSets> firstSets = Optional.empty();
        if (video.isPresent()) {
            try {
                firstSets = Optional.of(new Pictures(videoCodec.get()).split(read(video.get()), pictures));
            } catch (VideoException e) {
                throw new VideoException(video.get() + ": " + e.getMessage());
            }
        }
        ByteString sound = ByteString.EMPTY;
        if (audio.isPresent()) {
            sound = UnsafeByteOperations.unsafeWrap(read(audio.get()));
            if (sound.size() < audioPacketMillis * bytesPerMilli(audioCodec.get())) {
                throw new VideoException(audio.get() + " holds less than one audio packet");
            }
        }
        return new VideoSource(videoCodec, pictures, firstSets, fps, audioCodec, sound, audioPacketMillis);
    }

    /** What the camera says at login: the video's codec and its picture size, the audio's codec. */
    public HedgwCamera.StreamSettings streamSettings() {
        HedgwCamera.StreamSettings fallback = HedgwCamera.StreamSettings.DEFAULT;
        return new HedgwCamera.StreamSettings(
                videoCodec.map(c -> c == VideoCodec.H265 ? HedgwCamera.VIDEO_H265 : HedgwCamera.VIDEO_H264)
                        .orElse(fallback.videoType()),
                firstSets.map(ParameterSets::width).orElse(fallback.videoWidth()),
                firstSets.map(ParameterSets::height).orElse(fallback.videoHeight()),
                audioCodec.map(c -> c == AudioCodec.G726 ? HedgwCamera.AUDIO_G726 : HedgwCamera.AUDIO_G711A)
                        .orElse(fallback.audioType()));
    }

    /** The video's access units, from its first keyframe on; 0 without video. */
    public int frames() {
        return pictures.size();
    }

    /** Whole audio packets in the audio file (a part packet at its end is left out); 0 without audio. */
    public int audioPackets() {
        return audioCodec.map(c -> audio.size() / (audioPacketMillis * bytesPerMilli(c))).orElse(0);
    }

    public int audioPacketMillis() {
        return audioPacketMillis;
    }

    /** How long one pass over the files lasts, in ms: the longer of the two. */
    public long durationMillis() {
        return Math.max(frameTime(frames()), (long) audioPackets() * audioPacketMillis);
    }

    /** When frame {@code n} (counted over every loop) is due, in ms from the start. */
    long frameTime(long n) {
        return n * 1000 / fps;
    }

    Picture picture(long n) {
        return pictures.get((int) (n % pictures.size()));
    }

    /** Audio packet {@code n} (counted over every loop): a view of the file's bytes, not a copy. */
    ByteString audioPacket(long n) {
        int size = audioPacketMillis * bytesPerMilli(audioCodec.orElseThrow());
        int at = (int) (n % audioPackets()) * size;
        return audio.substring(at, at + size);
    }

    /** A-law is 8 bits a sample, G.726-32 four: bytes in one millisecond at 8 kHz. */
    private static int bytesPerMilli(AudioCodec codec) {
        return codec == AudioCodec.G711A ? 8 : 4;
    }

    private static VideoCodec videoCodec(Path file) {
        return switch (extension(file)) {
            case "h264" -> VideoCodec.H264;
            case "h265" -> VideoCodec.H265;
            default -> throw new IllegalArgumentException(file + ": a video file is .h264 or .h265 (raw Annex B)");
        };
    }

    private static AudioCodec audioCodec(Path file) {
        return switch (extension(file)) {
            case "alaw" -> AudioCodec.G711A;
            case "g726" -> AudioCodec.G726;
            default -> throw new IllegalArgumentException(file + ": an audio file is .alaw (G.711 A-law) or .g726 "
                    + "(G.726-32, RFC 3551 packing), raw, 8 kHz mono");
        };
    }

    private static String extension(Path file) {
        String name = file.getFileName().toString();
        return name.substring(name.lastIndexOf('.') + 1).toLowerCase(Locale.ROOT);
    }

    private static byte[] read(Path file) throws IOException {
        long size = Files.size(file);
        if (size > MAX_FILE_BYTES) {
            throw new VideoException(file + " has " + size + " bytes, more than " + MAX_FILE_BYTES);
        }
        return Files.readAllBytes(file);
    }

    /** Cuts one Annex B stream into pictures, keeping the parameter sets in force apart. */
    private static final class Pictures {

        private final VideoCodec codec;
        private final List<byte[]> vps = new ArrayList<>();
        private final List<byte[]> sps = new ArrayList<>();
        private final List<byte[]> pps = new ArrayList<>();
        /** Kinds of set (VPS, SPS, PPS) that the current run of sets has replaced already. */
        private final boolean[] replaced = new boolean[3];
        private ParameterSets sets;
        private ByteString setsBytes;
        private boolean setsChanged;

        Pictures(VideoCodec codec) {
            this.codec = codec;
        }

        /** Adds the stream's pictures to {@code out}; returns the first keyframe's sets. */
        ParameterSets split(byte[] stream, List<Picture> out) {
            ParameterSets first = null;
            List<byte[]> picture = new ArrayList<>();
            boolean slice = false;
            boolean key = false;
            for (byte[] unit : AnnexB.units(stream)) {
                Nal nal = Nal.of(codec, unit);
                if (slice && nal.startsAccessUnit(codec, unit)) {
                    first = add(picture, key, out, first);
                    picture.clear();
                    slice = false;
                    key = false;
                }
                if (nal == Nal.SET) {
                    adopt(unit);
                } else {
                    Arrays.fill(replaced, false); // the run of sets, if any, is over
                    picture.add(unit);
                    slice |= nal == Nal.SLICE || nal == Nal.KEY_SLICE;
                    key |= nal == Nal.KEY_SLICE;
                }
            }
            if (slice) {
                first = add(picture, key, out, first);
            }
            if (first == null) {
                throw new VideoException("a " + codec + " stream without a keyframe after its parameter sets");
            }
            return first;
        }

        private ParameterSets add(List<byte[]> units, boolean key, List<Picture> out, ParameterSets first) {
            if (out.isEmpty() && !key) {
                return first; // before the first keyframe: a decoder could not start there
            }
            byte[] data = AnnexB.withStartCodes(units);
            if (data.length > MAX_PICTURE_BYTES) {
                throw new VideoException("an access unit of " + data.length + " bytes, more than " + MAX_PICTURE_BYTES);
            }
            if (key && (sets == null || setsChanged)) {
                sets = new ParameterSets(codec, vps, sps, pps); // refuses a group that lacks a kind
                sets.format(); // and one whose SPS cannot be read
                List<byte[]> group = new ArrayList<>(vps);
                group.addAll(sps);
                group.addAll(pps);
                setsBytes = UnsafeByteOperations.unsafeWrap(AnnexB.withStartCodes(group));
                setsChanged = false;
            }
            out.add(new Picture(key, UnsafeByteOperations.unsafeWrap(data), key ? setsBytes : ByteString.EMPTY));
            return first == null ? sets : first;
        }

        /** Encoders resend the whole group: each kind in a run of sets replaces what was held of that kind. */
        private void adopt(byte[] unit) {
            int type = codec == VideoCodec.H264 ? unit[0] & 0x1f : (unit[0] >> 1) & 0x3f;
            int kind = switch (type) {
                case 7, 33 -> 1;
                case 8, 34 -> 2;
                default -> 0;
            };
            List<byte[]> held = kind == 0 ? vps : kind == 1 ? sps : pps;
            if (!replaced[kind]) {
                held.clear();
                replaced[kind] = true;
            }
            held.add(unit);
            setsChanged = true;
        }
    }

    /** The NAL unit kinds that decide where an access unit begins and whether it is a keyframe. */
    private enum Nal {
        SET,
        KEY_SLICE,
        SLICE,
        PREFIX,
        OTHER;

        static Nal of(VideoCodec codec, byte[] unit) {
            if (codec == VideoCodec.H264) {
                return switch (unit[0] & 0x1f) {
                    case 7, 8 -> SET;
                    case 5 -> KEY_SLICE; // IDR
                    case 1, 2, 3, 4 -> SLICE;
                    case 6, 9 -> PREFIX; // SEI, access unit delimiter
                    default -> OTHER;
                };
            }
            int type = (unit[0] >> 1) & 0x3f;
            if (type == 32 || type == 33 || type == 34) {
                return SET;
            }
            if (type >= 16 && type <= 21) {
                return KEY_SLICE; // BLA, IDR, CRA
            }
            if (type < 32) {
                return SLICE;
            }
            return type == 35 || type == 39 ? PREFIX : OTHER; // access unit delimiter, prefix SEI
        }

        /** Whether this unit opens a new access unit when the one being gathered has a slice already. */
        boolean startsAccessUnit(VideoCodec codec, byte[] unit) {
            return switch (this) {
                case SET, PREFIX -> true;
                case SLICE, KEY_SLICE -> firstSlice(codec, unit);
                default -> false;
            };
        }

        /** H.264's first_mb_in_slice is 0 (ue(v) "1"); H.265's first_slice_segment_in_pic_flag is 1. */
        private static boolean firstSlice(VideoCodec codec, byte[] unit) {
            int at = codec == VideoCodec.H264 ? 1 : 2; // past the NAL unit header
            return unit.length > at && (unit[at] & 0x80) != 0;
        }
    }
}
