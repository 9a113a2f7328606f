package io.alarmhub.video.mp4;

import io.alarmhub.video.VideoCodec;
import io.alarmhub.video.codec.ParameterSets;

/**
 * The {@code trak} boxes of the init segment (ISO/IEC 14496-12 8.3 to 8.7): a header, the media's timescale
 * and handler, and a sample description; the sample tables stay empty because the samples are in fragments.
 */
final class TrackBoxes {

    /** Where a track's durations are, to patch at close. */
    record Offsets(int trackDuration, int mediaDuration) {
    }

    /** ISO 639-2 "und", packed as three 5-bit letters. */
    private static final int UNDETERMINED = ((('u' - 0x60) << 10) | (('n' - 0x60) << 5) | ('d' - 0x60));

    private TrackBoxes() {
    }

    static Offsets video(Boxes boxes, ParameterSets sets) {
        int width = sets.width();
        int height = sets.height();
        boxes.open("trak");
        int trackDuration = trackHeader(boxes, InitSegment.VIDEO_TRACK, 0, 0, width, height);
        boxes.open("mdia");
        int mediaDuration = mediaHeader(boxes, InitSegment.VIDEO_TIMESCALE);
        handler(boxes, "vide", "VideoHandler");
        boxes.open("minf");
        boxes.open("vmhd", 0, 1).u16(0).zeros(6).close(); // flags 1, as the standard requires
        dataReference(boxes);
        boxes.open("stbl");
        boxes.open("stsd", 0, 0).u32(1);
        // hvc1 and avc1, not hev1 and avc3: the parameter sets are only in the record, never in the samples.
        boxes.open(sets.codec() == VideoCodec.H264 ? "avc1" : "hvc1").zeros(6).u16(1)
                .zeros(16).u16(width).u16(height)
                .u32(0x00480000).u32(0x00480000) // 72 dpi
                .u32(0).u16(1) // frame_count: one picture per sample
                .zeros(32) // compressorname
                .u16(0x18).u16(0xffff);
        boxes.open(sets.codec() == VideoCodec.H264 ? "avcC" : "hvcC").bytes(sets.decoderConfiguration()).close();
        boxes.close().close();
        emptySampleTables(boxes);
        boxes.close().close().close().close();
        return new Offsets(trackDuration, mediaDuration);
    }

    static Offsets audio(Boxes boxes, FlacTrack flac) {
        boxes.open("trak");
        // alternate_group 1 and full volume, as FFmpeg writes an audio track
        int trackDuration = trackHeader(boxes, InitSegment.AUDIO_TRACK, 1, 0x100, 0, 0);
        boxes.open("mdia");
        int mediaDuration = mediaHeader(boxes, flac.sampleRate());
        handler(boxes, "soun", "SoundHandler");
        boxes.open("minf");
        boxes.open("smhd", 0, 0).u32(0).close();
        dataReference(boxes);
        boxes.open("stbl");
        boxes.open("stsd", 0, 0).u32(1);
        boxes.open("fLaC").zeros(6).u16(1).zeros(8)
                .u16(flac.channels()).u16(flac.bitsPerSample()).u32(0)
                .u32((long) flac.sampleRate() << 16);
        // version 0, then the one metadata block it carries, STREAMINFO, flagged as the last block
        boxes.open("dfLa", 0, 0).u8(0x80).u24(FlacTrack.STREAMINFO_BYTES).bytes(flac.streamInfo()).close();
        boxes.close().close();
        emptySampleTables(boxes);
        boxes.close().close().close().close();
        return new Offsets(trackDuration, mediaDuration);
    }

    /** Writes {@code tkhd}, enabled and in the movie; the offset of its duration. */
    private static int trackHeader(Boxes boxes, int id, int alternateGroup, int volume, int width, int height) {
        boxes.open("tkhd", 0, 3).u32(0).u32(0).u32(id).u32(0);
        int duration = boxes.position();
        boxes.u32(0).zeros(8).u16(0).u16(alternateGroup).u16(volume).u16(0).unityMatrix()
                .u32((long) width << 16).u32((long) height << 16).close();
        return duration;
    }

    /** Writes {@code mdhd}; the offset of its duration. */
    private static int mediaHeader(Boxes boxes, int timescale) {
        boxes.open("mdhd", 0, 0).u32(0).u32(0).u32(timescale);
        int duration = boxes.position();
        boxes.u32(0).u16(UNDETERMINED).u16(0).close();
        return duration;
    }

    private static void handler(Boxes boxes, String type, String name) {
        boxes.open("hdlr", 0, 0).u32(0).fourcc(type).zeros(12).fourcc(name).u8(0).close();
    }

    /** The media is in this file: one {@code url } entry with the self-contained flag. */
    private static void dataReference(Boxes boxes) {
        boxes.open("dinf").open("dref", 0, 0).u32(1).open("url ", 0, 1).close().close().close();
    }

    private static void emptySampleTables(Boxes boxes) {
        boxes.open("stts", 0, 0).u32(0).close();
        boxes.open("stsc", 0, 0).u32(0).close();
        boxes.open("stsz", 0, 0).u32(0).u32(0).close();
        boxes.open("stco", 0, 0).u32(0).close();
    }
}
