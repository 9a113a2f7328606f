package io.alarmhub.video.audio;

import static io.alarmhub.video.audio.G726Fixtures.decodeInPackets;
import static io.alarmhub.video.audio.G726Fixtures.encodeInPackets;
import static io.alarmhub.video.audio.G726Fixtures.ffmpegDecodes;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class G726EncoderTest {

    static java.util.stream.Stream<G726Format> everyFormat() {
        return G726Fixtures.everyFormat();
    }

    @ParameterizedTest
    @MethodSource("everyFormat")
    void ffmpegReadsOurStreamAsWeDo(G726Format format) {
        byte[] g726 = encodeInPackets(new G726Encoder(format), MediaTools.ffmpegTone());

        short[] ffmpeg = ffmpegDecodes(g726, format);

        assertThat(decodeInPackets(new G726Decoder(format, G726State.Arithmetic.FFMPEG), g726))
                .containsExactly(ffmpeg);
        assertThat(Signals.peakFrequency(ffmpeg, 8000)).isEqualTo(1000);
    }

    @ParameterizedTest
    @CsvSource({"2, 19", "3, 23", "4, 29", "5, 30"})
    void theToneSurvivesOurEncoderAndDecoderAtEachRate(int bits, double decibels) {
        G726Format format = new G726Format(bits, G726Packing.RFC3551);
        short[] tone = MediaTools.ffmpegTone();

        short[] decoded = decodeInPackets(new G726Decoder(format), encodeInPackets(new G726Encoder(format), tone));

        assertThat(Signals.peakFrequency(decoded, 8000)).isEqualTo(1000);
        assertThat(Signals.snr(tone, decoded)).isGreaterThan(decibels);
    }

    @ParameterizedTest
    @CsvSource({"2, 19", "3, 26", "4, 32", "5, 36"})
    void speechSurvivesOurEncoderAndDecoderAtEachRate(int bits, double decibels) {
        G726Format format = new G726Format(bits, G726Packing.MSB_FIRST);
        short[] speech = Signals.speechLike(16_000, 7);

        short[] decoded = decodeInPackets(new G726Decoder(format), encodeInPackets(new G726Encoder(format), speech));

        assertThat(Signals.snr(speech, decoded)).isGreaterThan(decibels);
    }

    @Test
    void padsTheLastByteOfAPacketWithZeroBits() {
        short[] loud = {20_000, -20_000, 20_000};
        byte[] rfc = new byte[3];
        byte[] msb = new byte[3];

        int rfcLength = new G726Encoder(new G726Format(3, G726Packing.RFC3551)).encode(loud, 0, 3, rfc, 1);
        int msbLength = new G726Encoder(new G726Format(3, G726Packing.MSB_FIRST)).encode(loud, 0, 3, msb, 1);

        assertThat(rfcLength).isEqualTo(2);
        assertThat(msbLength).isEqualTo(2);
        assertThat(rfc[0]).isZero();
        assertThat(rfc[2] & 0xFE).as("only the third code's top bit is in the second byte").isZero();
        assertThat(msb[2] & 0x7F).as("only the third code's bottom bit is in the second byte").isZero();
    }
}
