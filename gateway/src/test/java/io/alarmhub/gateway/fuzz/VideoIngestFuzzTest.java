package io.alarmhub.gateway.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.alarmhub.video.AudioCodec;
import io.alarmhub.video.VideoCodec;
import io.alarmhub.video.VideoException;
import io.alarmhub.video.audio.G726Format;
import io.alarmhub.video.codec.ParameterSets;
import io.alarmhub.video.flv.AudioMode;
import io.alarmhub.video.flv.FlvMuxer;
import io.alarmhub.video.hub.CameraSession;
import io.alarmhub.video.hub.VideoHub;
import io.alarmhub.video.hub.VideoSettings;
import io.alarmhub.video.ingest.CameraPackage;
import io.alarmhub.video.live.Audience;
import io.alarmhub.video.record.RecorderSettings;
import io.alarmhub.video.record.RecordingCatalog;
import io.alarmhub.video.record.RecordingFile;
import io.alarmhub.video.record.RecordingMode;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A camera's media packages, as the HEDGW handler hands them to its video session: the input is a script of
 * packages (a byte for the codecs, then per package its type, sync, start_time, seq_num and a length-prefixed
 * data), fed to a session of a small hub with recording off. Nothing escapes but {@link VideoException} (the
 * handler counts it and goes on); the ring stays within its bound; parameter sets that were taken give a decoder
 * configuration and an FLV start a viewer can be sent.
 */
class VideoIngestFuzzTest {

    private static final long RING_BYTES = 256 * 1024;
    private static final RecordingCatalog NOWHERE = new RecordingCatalog() {
        @Override
        public void opened(RecordingFile file) {
        }

        @Override
        public void closed(RecordingFile file) {
        }

        @Override
        public void discarded(RecordingFile file) {
        }
    };

    @FuzzTest(maxDuration = "30s")
    void packages(byte[] input) {
        if (input.length == 0) {
            return;
        }
        ByteBuffer script = ByteBuffer.wrap(input);
        byte codecs = script.get();
        VideoCodec video = (codecs & 1) == 0 ? VideoCodec.H264 : VideoCodec.H265;
        AudioCodec audio = (codecs & 2) == 0 ? AudioCodec.G711A : AudioCodec.G726;
        try (VideoHub hub = new VideoHub(new VideoSettings(Duration.ofSeconds(2), RING_BYTES, 2 * RING_BYTES, 2,
                G726Format.DEFAULT, RecorderSettings.defaults(Path.of("target", "fuzz-recordings"))), NOWHERE,
                Clock.systemUTC())) {
            CameraSession session = hub.open("110234567894562", video, audio, RecordingMode.OFF, Audience.NONE);
            while (script.remaining() >= 10) {
                int type = script.get() & 7;
                boolean sync = script.get() != 0;
                long startTime = Integer.toUnsignedLong(script.getInt());
                long seq = Short.toUnsignedLong(script.getShort());
                int length = Math.min(script.getShort() & 0x7fff, script.remaining());
                byte[] data = Arrays.copyOfRange(input, script.position(), script.position() + length);
                script.position(script.position() + length);
                try {
                    session.accept(new CameraPackage(type, sync, data, startTime, seq, -1, 0));
                } catch (VideoException refused) {
                    assertThat(refused.getMessage()).isNotBlank();
                }
                assertThat(hub.ringBytes()).isLessThanOrEqualTo(RING_BYTES + 64 * 1024);
            }
            session.feed().join(new StartingViewer());
            session.close();
        }
    }

    /** A viewer that, handed parameter sets, builds their configuration and an FLV start from them. */
    private static final class StartingViewer implements io.alarmhub.video.live.Viewer {
        @Override
        public boolean ready() {
            return true;
        }

        @Override
        public void parameterSets(ParameterSets sets) {
            assertThat(sets.decoderConfiguration()).isNotEmpty();
            assertThat(new FlvMuxer().start(sets, AudioMode.FLAC)).isNotEmpty();
        }

        @Override
        public void send(io.alarmhub.video.MediaFrame frame) {
        }
    }
}
