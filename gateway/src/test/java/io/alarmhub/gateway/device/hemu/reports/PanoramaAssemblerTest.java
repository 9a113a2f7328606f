package io.alarmhub.gateway.device.hemu.reports;

import io.alarmhub.gateway.device.hemu.platform.IpCamMessage;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** Panorama sets collected within their bounds, on virtual time: the assembler is told what time it is. */
class PanoramaAssemblerTest {

    private static final Instant T = Instant.parse("2026-12-07T10:00:00Z");
    private static final String CAMERA = "110234567894562";
    private static final String OTHER = "110234567894563";
    private static final Optional<String> APP = Optional.of("app-1");
    /** 4 pictures a set, 100 bytes a picture, 2 sets, 500 bytes in all, 60 s. */
    private static final PanoramaLimits LIMITS = new PanoramaLimits(4, 100, 2, 500, Duration.ofSeconds(60));

    private final List<String> dropped = new ArrayList<>();
    private final PanoramaAssembler assembler = new PanoramaAssembler(LIMITS, dropped::add);

    @Test
    void aSetIsHandedOverWholeInSequenceOrderWhateverOrderItCameIn() {
        assertThat(offer(CAMERA, 2, 3, 10, T)).isEqualTo(new PanoramaAssembler.Kept(1, 3));
        assertThat(offer(CAMERA, 3, 3, 10, T.plusSeconds(1))).isEqualTo(new PanoramaAssembler.Kept(2, 3));
        assertThat(assembler.bytes()).isEqualTo(20);

        PanoramaAssembler.Outcome last = offer(CAMERA, 1, 3, 10, T.plusSeconds(2));

        assertThat(last).isInstanceOf(PanoramaAssembler.Complete.class);
        PanoramaAssembler.Panorama panorama = ((PanoramaAssembler.Complete) last).panorama();
        assertThat(panorama.deviceId()).isEqualTo(CAMERA);
        assertThat(panorama.app()).isEqualTo(APP);
        assertThat(panorama.started()).isEqualTo(T);
        assertThat(panorama.pictures()).extracting(p -> (int) p[0]).containsExactly(1, 2, 3);
        assertThat(assembler.collecting()).isZero();
        assertThat(assembler.bytes()).isZero();
        assertThat(dropped).isEmpty();
    }

    @Test
    void aPictureSentAgainReplacesTheFirstAndCountsOnce() {
        offer(CAMERA, 2, 2, 10, T);
        assertThat(offer(CAMERA, 2, 2, 30, T)).isEqualTo(new PanoramaAssembler.Kept(1, 2));
        assertThat(assembler.bytes()).isEqualTo(30);
        PanoramaAssembler.Outcome whole = offer(CAMERA, 1, 2, 10, T);
        assertThat(((PanoramaAssembler.Complete) whole).panorama().pictures().get(1)).hasSize(30);
    }

    @Test
    void oneSetPerCameraAtATimeAnotherCountAppOrFirstPictureStartsANewOne() {
        offer(CAMERA, 1, 3, 10, T);
        assertThat(offer(CAMERA, 2, 2, 10, T)).as("another count").isEqualTo(new PanoramaAssembler.Kept(1, 2));
        assertThat(picture(CAMERA, 1, 2, 10, Optional.of("app-2"), T)).as("another app")
                .isEqualTo(new PanoramaAssembler.Kept(1, 2));
        assertThat(picture(CAMERA, 1, 2, 10, Optional.of("app-2"), T)).as("picture 1 again: a new run")
                .isEqualTo(new PanoramaAssembler.Kept(1, 2));
        assertThat(dropped).containsExactly("replaced", "replaced", "replaced");
        assertThat(assembler.collecting()).isEqualTo(1);
        assertThat(assembler.bytes()).isEqualTo(10);
        assertThat(offer(OTHER, 1, 2, 10, T)).as("another camera's set is its own")
                .isEqualTo(new PanoramaAssembler.Kept(1, 2));
    }

    @Test
    void aPictureOutOfBoundsIsRefusedAndEndsItsCamerasSet() {
        offer(CAMERA, 1, 3, 10, T);
        assertThat(offer(CAMERA, 2, 3, 101, T)).isInstanceOf(PanoramaAssembler.Refused.class)
                .extracting(o -> ((PanoramaAssembler.Refused) o).reason()).isEqualTo("too_large");
        assertThat(dropped).containsExactly("refused");
        assertThat(assembler.collecting()).isZero();
        assertThat(assembler.bytes()).isZero();

        assertThat(offer(CAMERA, 1, 5, 10, T)).extracting(o -> ((PanoramaAssembler.Refused) o).reason())
                .as("a count over the limit").isEqualTo("too_many");
        assertThat(assembler.collecting()).isZero();
        assertThat(offer(CAMERA, 1, 4, 100, T)).as("at the limits").isEqualTo(new PanoramaAssembler.Kept(1, 4));
    }

    @Test
    void tooManySetsOrTooManyBytesAtOnceAreRefusedBusy() {
        offer(CAMERA, 1, 4, 100, T);
        offer(OTHER, 1, 4, 100, T);
        PanoramaAssembler.Outcome third = offer("110234567894564", 1, 4, 10, T);
        assertThat(third).extracting(o -> ((PanoramaAssembler.Refused) o).reason()).isEqualTo("busy");
        assertThat(dropped).as("no set of a camera that had none").isEmpty();

        offer(CAMERA, 2, 4, 100, T);
        offer(CAMERA, 3, 4, 100, T);
        assertThat(offer(OTHER, 2, 4, 100, T)).as("at the limit").isEqualTo(new PanoramaAssembler.Kept(2, 4));
        assertThat(assembler.bytes()).isEqualTo(500);
        PanoramaAssembler.Outcome over = offer(OTHER, 3, 4, 100, T);
        assertThat(over).extracting(o -> ((PanoramaAssembler.Refused) o).reason()).isEqualTo("busy");
        assertThat(dropped).containsExactly("refused");
        assertThat(assembler.bytes()).isEqualTo(300);
        assertThat(offer(CAMERA, 4, 4, 100, T)).isInstanceOf(PanoramaAssembler.Complete.class);
        assertThat(assembler.bytes()).isZero();
    }

    @Test
    void aSetThatStopsShortIsDroppedOnceItsCameraHasBeenSilentForTheTimeout() {
        offer(CAMERA, 1, 3, 10, T);
        offer(CAMERA, 2, 3, 10, T.plusSeconds(50));
        offer(OTHER, 1, 3, 10, T.plusSeconds(55));

        assertThat(assembler.expire(T.plusSeconds(110))).as("silent for exactly the timeout").isEmpty();
        assertThat(assembler.expire(T.plusSeconds(110).plusMillis(1))).as("timed out since its last picture")
                .containsExactly(CAMERA);
        assertThat(dropped).containsExactly("timed_out");
        assertThat(assembler.bytes()).isEqualTo(10);

        assertThat(offer(CAMERA, 3, 3, 10, T.plusSeconds(116))).as("what comes after starts anew")
                .isEqualTo(new PanoramaAssembler.Kept(1, 3));
        assertThat(dropped).as("the other camera's, silent since +55 s, on the same offer")
                .containsExactly("timed_out", "timed_out");
        assertThat(assembler.collecting()).isEqualTo(1);
    }

    private PanoramaAssembler.Outcome offer(String camera, int sequence, int count, int size, Instant at) {
        return picture(camera, sequence, count, size, APP, at);
    }

    private PanoramaAssembler.Outcome picture(String camera, int sequence, int count, int size, Optional<String> app,
                                              Instant at) {
        byte[] picture = new byte[size];
        if (size > 0) {
            picture[0] = (byte) sequence;
        }
        return assembler.offer(camera, new IpCamMessage.PanoramaPicture(app, sequence, count, picture), at);
    }
}
