package io.alarmhub.video.codec;

import java.io.ByteArrayOutputStream;
import java.util.List;

/** {@code HEVCDecoderConfigurationRecord}, ISO/IEC 14496-15 8.3.3.1. */
final class HevcConfiguration {

    private static final int VPS = 32;
    private static final int SPS = 33;
    private static final int PPS = 34;

    private HevcConfiguration() {
    }

    static byte[] of(ParameterSets sets) {
        byte[] sps = sets.sps().get(0);
        PictureFormat format = HevcSequence.read(sps);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(1); // configurationVersion
        out.writeBytes(HevcSequence.generalProfileTierLevel(sps));
        out.write(0xf0); // reserved, min_spatial_segmentation_idc = 0 (unknown)
        out.write(0x00);
        out.write(0xfc); // reserved, parallelismType = 0 (unknown)
        out.write(0xfc | format.chromaFormat());
        out.write(0xf8 | (format.bitDepthLuma() - 8));
        out.write(0xf8 | (format.bitDepthChroma() - 8));
        out.write(0); // avgFrameRate: unspecified
        out.write(0);
        int nested = HevcSequence.temporalIdNested(sps) ? 1 : 0;
        out.write((HevcSequence.subLayers(sps) << 3) | (nested << 2) | 3); // constantFrameRate 0, 4-byte lengths
        out.write(3); // numOfArrays
        writeArray(out, VPS, sets.vps());
        writeArray(out, SPS, sets.sps());
        writeArray(out, PPS, sets.pps());
        return out.toByteArray();
    }

    /** RFC 6381 / ISO/IEC 14496-15 Annex E: {@code hvc1.<space><profile>.<compat reversed>.<tier><level>.<constraints>}. */
    static String codecString(byte[] sps) {
        byte[] ptl = HevcSequence.generalProfileTierLevel(sps);
        int space = (ptl[0] >> 6) & 3;
        boolean high = ((ptl[0] >> 5) & 1) == 1;
        int profile = ptl[0] & 0x1f;
        long compat = ((ptl[1] & 0xffL) << 24) | ((ptl[2] & 0xff) << 16) | ((ptl[3] & 0xff) << 8) | (ptl[4] & 0xff);
        long reversed = Long.reverse(compat) >>> 32;
        StringBuilder codec = new StringBuilder("hvc1.");
        codec.append(space == 0 ? "" : String.valueOf((char) ('A' + space - 1))).append(profile)
                .append('.').append(Long.toHexString(reversed).toUpperCase())
                .append('.').append(high ? 'H' : 'L').append(ptl[11] & 0xff);
        int last = 10;
        while (last >= 5 && ptl[last] == 0) {
            last--;
        }
        for (int i = 5; i <= last; i++) {
            codec.append('.').append(Integer.toHexString(ptl[i] & 0xff).toUpperCase());
        }
        return codec.toString();
    }

    private static void writeArray(ByteArrayOutputStream out, int type, List<byte[]> sets) {
        out.write(0x80 | type); // array_completeness: every set of this kind is here
        out.write(sets.size() >>> 8);
        out.write(sets.size());
        for (byte[] set : sets) {
            AvcConfiguration.writeSet(out, set);
        }
    }
}
