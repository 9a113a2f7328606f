package io.alarmhub.video.mp4;

import java.nio.ByteBuffer;
import java.util.List;

/**
 * Builds movie fragments (ISO/IEC 14496-12 8.8): a {@code moof} with one {@code traf} per track that has samples,
 * then an {@code mdat} holding those samples, video first. Each {@code traf} says where its track's samples
 * start in the file's decode time ({@code tfdt}) and, for each sample, its duration, size and whether it is a
 * sync sample ({@code trun}). Offsets count from the {@code moof} (default-base-is-moof), so a fragment reads
 * the same wherever it lies in the file.
 *
 * <p>The samples' bytes are not copied: the fragment is the header built here and the samples' own arrays, for
 * one gathering write.
 */
final class Fragment {

    /** default-base-is-moof in {@code tfhd}. */
    private static final int DEFAULT_BASE_IS_MOOF = 0x020000;
    /** data-offset, sample-duration, sample-size and sample-flags present in {@code trun}. */
    private static final int TRUN_FIELDS = 0x000001 | 0x000100 | 0x000200 | 0x000400;
    /** sample_depends_on 2: decodes alone. */
    private static final int SYNC = 0x02000000;
    /** sample_depends_on 1 and sample_is_non_sync_sample. */
    private static final int NON_SYNC = 0x01010000;
    private static final int MDAT_HEADER = 8;

    /** Twelve bytes a sample, two tracks of at most this many: 64 KiB is ample. */
    static final int MAX_SAMPLES = 2000;
    private final Boxes header = new Boxes(4096, 64 * 1024);

    /**
     * The fragment numbered {@code sequence} of the ready samples of {@code tracks} (video first; a track may
     * have none): its header, then the samples' bytes. Valid until the next call.
     */
    ByteBuffer[] build(int sequence, List<TrackQueue> tracks) {
        header.reset();
        header.open("moof");
        header.open("mfhd", 0, 0).u32(sequence).close();
        int[] dataOffsets = new int[tracks.size()];
        int buffers = 1;
        for (int i = 0; i < tracks.size(); i++) {
            List<Sample> samples = tracks.get(i).ready();
            if (!samples.isEmpty()) {
                dataOffsets[i] = trackFragment(i + 1, samples);
                buffers += samples.size();
            }
        }
        header.close();
        int moofSize = header.position();
        long offset = moofSize + MDAT_HEADER;
        for (int i = 0; i < tracks.size(); i++) {
            if (dataOffsets[i] != 0) {
                header.patchU32(dataOffsets[i], offset);
                offset += tracks.get(i).readyBytes();
            }
        }
        header.u32(offset - moofSize).fourcc("mdat");
        ByteBuffer[] out = new ByteBuffer[buffers];
        out[0] = header.view();
        int at = 1;
        for (TrackQueue track : tracks) {
            for (Sample sample : track.ready()) {
                out[at++] = ByteBuffer.wrap(sample.data());
            }
        }
        return out;
    }

    /** Writes one {@code traf}; the offset of its {@code trun}'s data_offset, to fill in once it is known. */
    private int trackFragment(int trackId, List<Sample> samples) {
        header.open("traf");
        header.open("tfhd", 0, DEFAULT_BASE_IS_MOOF).u32(trackId).close();
        header.open("tfdt", 1, 0).u64(samples.get(0).decodeTime()).close();
        header.open("trun", 0, TRUN_FIELDS).u32(samples.size());
        int dataOffset = header.position();
        header.u32(0);
        for (Sample sample : samples) {
            header.u32(sample.duration()).u32(sample.data().length).u32(sample.sync() ? SYNC : NON_SYNC);
        }
        header.close().close();
        return dataOffset;
    }
}
