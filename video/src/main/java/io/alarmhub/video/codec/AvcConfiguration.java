package io.alarmhub.video.codec;

import java.io.ByteArrayOutputStream;

/** {@code AVCDecoderConfigurationRecord}, ISO/IEC 14496-15 5.3.3.1. */
final class AvcConfiguration {

    private AvcConfiguration() {
    }

    static byte[] of(ParameterSets sets) {
        byte[] sps = sets.sps().get(0);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(1); // configurationVersion
        out.write(sps[1]); // AVCProfileIndication
        out.write(sps[2]); // profile_compatibility
        out.write(sps[3]); // AVCLevelIndication
        out.write(0xfc | 3); // lengthSizeMinusOne: 4-byte lengths
        out.write(0xe0 | sets.sps().size());
        for (byte[] set : sets.sps()) {
            writeSet(out, set);
        }
        out.write(sets.pps().size());
        for (byte[] set : sets.pps()) {
            writeSet(out, set);
        }
        int profile = sps[1] & 0xff;
        if (profile == 100 || profile == 110 || profile == 122 || profile == 144) {
            // The High profiles' extension; some demuxers insist on it.
            PictureFormat format = AvcSequence.read(sps);
            out.write(0xfc | format.chromaFormat());
            out.write(0xf8 | (format.bitDepthLuma() - 8));
            out.write(0xf8 | (format.bitDepthChroma() - 8));
            out.write(0); // numOfSequenceParameterSetExt
        }
        return out.toByteArray();
    }

    static String codecString(byte[] sps) {
        return String.format("avc1.%02x%02x%02x", sps[1] & 0xff, sps[2] & 0xff, sps[3] & 0xff);
    }

    static void writeSet(ByteArrayOutputStream out, byte[] set) {
        out.write(set.length >>> 8);
        out.write(set.length);
        out.writeBytes(set);
    }
}
