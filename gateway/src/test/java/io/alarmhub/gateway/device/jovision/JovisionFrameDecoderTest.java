package io.alarmhub.gateway.device.jovision;

import io.alarmhub.gateway.device.jovision.JovisionFrame.Line;
import io.alarmhub.gateway.device.jovision.JovisionFrame.Oversized;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class JovisionFrameDecoderTest {

    private final EmbeddedChannel channel = new EmbeddedChannel(new JovisionFrameDecoder(32));

    @AfterEach
    void finish() {
        channel.finishAndReleaseAll();
    }

    @Test
    void aLineSplitAcrossReadsIsOneLine() {
        write("{\"mt\":");
        assertThat(frames()).isEmpty();
        write("2203}\r");
        assertThat(frames()).isEmpty();
        write("\n");
        assertThat(frames()).containsExactly(new Line("{\"mt\":2203}"));
    }

    @Test
    void linesMergedInOneReadComeOutInOrder() {
        write("{\"mid\":1}\r\n{\"mid\":2}\r\n{\"mid\":3}\r\n");
        assertThat(frames()).containsExactly(new Line("{\"mid\":1}"), new Line("{\"mid\":2}"),
                new Line("{\"mid\":3}"));
    }

    @Test
    void crlfAndBareLfBothEndALine() {
        write("{\"mid\":1}\r\n{\"mid\":2}\n");
        assertThat(frames()).containsExactly(new Line("{\"mid\":1}"), new Line("{\"mid\":2}"));
    }

    @Test
    void theMagicAloneYieldsNothingAndIsNotPartOfTheFirstLine() {
        write("@#1$6");
        assertThat(frames()).isEmpty();
        write("{\"mid\":1}\r\n");
        assertThat(frames()).containsExactly(new Line("{\"mid\":1}"));
    }

    @Test
    void theMagicSplitAcrossTwoReadsIsStripped() {
        write("@#1");
        assertThat(frames()).isEmpty();
        write("$6{\"mid\":1}\r\n");
        assertThat(frames()).containsExactly(new Line("{\"mid\":1}"));
    }

    @Test
    void theMagicByteByByteIsStripped() {
        for (String b : new String[] {"@", "#", "1", "$", "6"}) {
            write(b);
            assertThat(frames()).isEmpty();
        }
        write("{\"mid\":1}\n");
        assertThat(frames()).containsExactly(new Line("{\"mid\":1}"));
    }

    @Test
    void theMagicFollowedByAMessageInOneRead() {
        write("@#1$6{\"mid\":1}\r\n{\"mid\":2}\r\n");
        assertThat(frames()).containsExactly(new Line("{\"mid\":1}"), new Line("{\"mid\":2}"));
    }

    @Test
    void theMagicOnItsOwnLineLeavesABlankLine() {
        write("@#1$6\r\n{\"mid\":1}\r\n");
        assertThat(frames()).containsExactly(new Line("{\"mid\":1}"));
    }

    @Test
    void theMagicIsOnlyStrippedAtTheStartOfTheStream() {
        write("{\"mid\":1}\r\n@#1$6{\"mid\":2}\r\n");
        assertThat(frames()).containsExactly(new Line("{\"mid\":1}"), new Line("@#1$6{\"mid\":2}"));
    }

    @Test
    void aStreamStartingLikeTheMagicButNotItIsKept() {
        write("@#");
        assertThat(frames()).isEmpty();
        write("x\r\n");
        assertThat(frames()).containsExactly(new Line("@#x"));
    }

    @Test
    void anOversizedLineIsReportedOnceAndTheNextLineReadsNormally() {
        write("{\"mt\":2219,\"dname\":\"");
        write("a".repeat(40));
        write("a".repeat(40));
        write("\"}\r\n{\"mid\":2}\r\n");
        assertThat(frames()).containsExactly(new Oversized(32), new Line("{\"mid\":2}"));
    }

    @Test
    void anOversizedLineArrivingWholeIsSkippedUpToItsNewline() {
        write("{\"mt\":2219,\"dname\":\"0123456789abcdef\"}\r\n{\"mid\":2}\r\n");
        assertThat(frames()).containsExactly(new Oversized(32), new Line("{\"mid\":2}"));
    }

    @Test
    void aLineOfExactlyTheLimitWithItsCrIsNotOversized() {
        String limit = "{\"mid\":1,\"x\":\"" + "a".repeat(16) + "\"}";
        assertThat(limit).hasSize(32);
        write(limit + "\r");
        write("\n");
        assertThat(frames()).containsExactly(new Line(limit));
    }

    @Test
    void garbageIsPassedOnAsALineForTheMessageDecoderToRefuse() {
        write("hello\r\n\u0000\u0001\u0002\r\n");
        assertThat(frames()).containsExactly(new Line("hello"), new Line("\u0000\u0001\u0002"));
    }

    @Test
    void bytesThatAreNotUtf8BecomeReplacementCharacters() {
        channel.writeInbound(Unpooled.wrappedBuffer(new byte[] {'"', (byte) 0xC3, (byte) 0x28, '"', '\n'}));
        assertThat(frames()).containsExactly(new Line("\"\uFFFD(\""));
    }

    @Test
    void blankLinesAreSkipped() {
        write("\r\n\n  \t \r\n{\"mid\":1}\r\n\r\n");
        assertThat(frames()).containsExactly(new Line("{\"mid\":1}"));
    }

    @Test
    void anUnterminatedLineAtEndOfStreamIsDropped() {
        write("{\"mid\":1}");
        assertThat(channel.finish()).isFalse();
    }

    private void write(String text) {
        channel.writeInbound(Unpooled.copiedBuffer(text, StandardCharsets.UTF_8));
    }

    private List<JovisionFrame> frames() {
        List<JovisionFrame> frames = new ArrayList<>();
        for (Object f = channel.readInbound(); f != null; f = channel.readInbound()) {
            frames.add((JovisionFrame) f);
        }
        return frames;
    }
}
