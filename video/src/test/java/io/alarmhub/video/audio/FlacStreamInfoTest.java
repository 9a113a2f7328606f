package io.alarmhub.video.audio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.alarmhub.video.VideoException;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class FlacStreamInfoTest {

    private static final String STREAMINFO_8K = "0010" + "1200" + "000000" + "000000" + "01f400f0" + "00000000"
            + "00000000000000000000000000000000";

    @Test
    void streamInfoSaysBlocksOf16To4608Mono16BitAtTheRateAndNothingElseKnown() {
        assertThat(hex(FlacStreamInfo.of(8000).streamInfo())).isEqualTo(STREAMINFO_8K);
    }

    @Test
    void theByteFormsWrapStreamInfoAsFlacFlvAndMp4WantIt() {
        FlacStreamInfo info = FlacStreamInfo.of(8000);

        assertThat(hex(info.metadataBlock())).isEqualTo("80000022" + STREAMINFO_8K);
        assertThat(hex(info.streamHeader())).isEqualTo("664c6143" + "80000022" + STREAMINFO_8K);
        assertThat(hex(info.dfLaContent())).isEqualTo("00000000" + "80000022" + STREAMINFO_8K);
    }

    @Test
    void rateAndBlockSizesFillTheirWholeFields() {
        FlacStreamInfo info = new FlacStreamInfo(655_350, 65_535, 65_535);

        assertThat(hex(info.streamInfo())).startsWith("ffff" + "ffff" + "000000" + "000000" + "9fff60f0");
    }

    @Test
    void refusesWhatStreamInfoCannotSay() {
        assertThatThrownBy(() -> FlacStreamInfo.of(0)).isInstanceOf(VideoException.class);
        assertThatThrownBy(() -> FlacStreamInfo.of(655_351)).isInstanceOf(VideoException.class);
        assertThatThrownBy(() -> new FlacStreamInfo(8000, 15, 4608)).isInstanceOf(VideoException.class);
        assertThatThrownBy(() -> new FlacStreamInfo(8000, 320, 160)).isInstanceOf(VideoException.class);
        assertThatThrownBy(() -> new FlacStreamInfo(8000, 16, 65_536)).isInstanceOf(VideoException.class);
    }

    private static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }
}
