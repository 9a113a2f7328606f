package io.alarmhub.server;

import io.alarmhub.gateway.device.hemu.hedgw.HedgwMessages;
import io.alarmhub.gateway.device.hemu.hedgw.proto.Hedgw;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;

/** What the simulated camera keeps of an app's talk, and copies as it comes ({@code hemu camera --talk-out}). */
class TalkAudioTest {

    /** The server's package of {@code payload} behind a 12-byte RTP header. */
    private static Hedgw.HEDGWMessage talk(int n, byte[] payload) {
        byte[] rtp = new byte[12 + payload.length];
        rtp[0] = (byte) 0x80;
        rtp[1] = 8;
        System.arraycopy(payload, 0, rtp, 12, payload.length);
        return HedgwMessages.talk(rtp, 20 * n, n, 0);
    }

    private static byte[] frame(int n) {
        byte[] alaw = new byte[160];
        Arrays.fill(alaw, (byte) n);
        return alaw;
    }

    @Test
    void whatIsKeptIsCopiedAsItComesUpToAMinute() {
        ByteArrayOutputStream copy = new ByteArrayOutputStream();
        TalkAudio audio = new TalkAudio(copy);

        audio.accept(talk(0, frame(1)));
        assertThat(copy.toByteArray()).isEqualTo(frame(1));
        for (int n = 1; n < 3001; n++) {
            audio.accept(talk(n, frame(n)));
        }

        assertThat(audio.bytes()).isEqualTo(3001 * 160);
        assertThat(copy.toByteArray()).hasSize(TalkAudio.MAX_KEPT).isEqualTo(audio.alaw());
    }

    @Test
    void aCopyThatFailsStopsAndSaysWhyWhileTheTalkIsStillKept() {
        TalkAudio audio = new TalkAudio(new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                throw new IOException("disk full");
            }
        });

        audio.accept(talk(0, frame(1)));
        audio.accept(talk(1, frame(2)));

        assertThat(audio.copyFailure()).hasValueSatisfying(e -> assertThat(e).hasMessage("disk full"));
        assertThat(audio.alaw()).hasSize(320);
    }
}
