package io.alarmhub.bench.video;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * The video scenario at a tiny scale against the packaged server: two steps of one and two cameras, FFmpeg at the
 * same steps and unpaced, two viewers of one camera, a short profile. It checks that every part measured something
 * real (the server took and recorded the cameras' frames, FFmpeg wrote MP4 and spent CPU, the viewers read FLV tags,
 * JFR sampled the server) and that the report says it; how fast anything went is never asserted. It needs Debian's ffmpeg (with
 * libx264) and the packaged jar, and fails, saying so, without either.
 */
class VideoRunTest {

    private static final Path JAR = Path.of(System.getProperty("alarmhub.jar", "../server/target/alarmhub.jar"));

    @Test
    void camerasAreIngestedAndRecordedBesideFfmpegAndViewersReadTheirStreams(@TempDir Path dir) throws Exception {
        if (!Files.isRegularFile(JAR)) {
            fail("no alarmhub jar at " + JAR.toAbsolutePath() + ": build it first (mvn -B -pl bench -am package"
                    + " -DskipTests packages the server before this module)");
        }
        VideoPlan plan = new VideoPlan(List.of(1, 2), List.of(1), 640, 360, List.of(2), 1, Duration.ofSeconds(2),
                Duration.ofSeconds(3), Duration.ZERO, Duration.ofSeconds(3));
        List<String> progress = new ArrayList<>();

        VideoRun.Result r = VideoRun.run(JAR, List.of("-Xmx256m"), plan, 2, dir.resolve("server.jfr"), progress::add);

        assertThat(r.ingest()).extracting(IngestStep::cameras).containsExactly(1, 2);
        for (IngestStep step : r.ingest()) {
            assertThat(step.framesSent()).as("frames sent at %d cameras", step.cameras()).isPositive();
            assertThat(step.framesReceived()).isPositive();
            assertThat(step.audioReceived()).isPositive();
            assertThat(step.recordingBytes()).as("recorded").isPositive();
            assertThat(step.recorderDropped()).isZero();
            assertThat(step.failedCameras()).isZero();
            assertThat(step.serverCpuSeconds()).isPositive();
        }
        assertThat(r.peer()).extracting(FfmpegPeer.Step::cameras).containsExactly(1, 2);
        for (FfmpegPeer.Step peer : r.peer()) {
            assertThat(peer.failed()).as(peer.firstError()).isZero();
            assertThat(peer.outputBytes()).isPositive();
        }
        assertThat(r.peerUnpaced()).containsOnlyKeys(1);
        assertThat(r.peerUnpaced().get(1)).isPositive();
        assertThat(r.liveBaseline()).isPresent();
        assertThat(r.live()).hasSize(1);
        ViewerStep live = r.live().get(0);
        assertThat(live.watching()).isEqualTo(2);
        assertThat(live.bytes()).isPositive();
        assertThat(live.tags()).isPositive();
        assertThat(r.profile()).isPresent();
        assertThat(r.profile().get().samples()).isPositive();
        assertThat(dir.resolve("server.jfr")).isNotEmptyFile();
        assertThat(r.notes()).isEmpty();

        String report = VideoReport.markdown(r, 2, "0.00 0.00 0.00");
        assertThat(report).contains("## video", "### Ingest and recording", "### The peer: FFmpeg",
                "### Live viewers", "### Profile", "| 1 | 2 |", "-c:a flac");
        assertThat(progress).anyMatch(line -> line.startsWith("ingest 1 Mbit/s, 2 cameras"));
    }
}
