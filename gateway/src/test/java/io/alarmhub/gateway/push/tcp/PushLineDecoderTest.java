package io.alarmhub.gateway.push.tcp;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static io.alarmhub.gateway.push.tcp.PushServers.json;
import static org.assertj.core.api.Assertions.assertThat;

class PushLineDecoderTest {

    private final EmbeddedChannel channel = new EmbeddedChannel(new PushLineDecoder(16));

    @AfterEach
    void finish() {
        channel.finishAndReleaseAll();
    }

    @Test
    void aLineSplitAcrossReadsIsOneRequest() {
        write("{\"t\":");
        assertThat(lines()).isEmpty();
        write("3}\n");
        assertThat(lines()).containsExactly(new PushLine.Request(json("{\"t\":3}")));
    }

    @Test
    void linesMergedInOneReadAreSeparateRequestsInOrder() {
        write("{\"t\":3}\n{\"t\":4}\n{\"t\":7}\n");
        assertThat(lines()).containsExactly(
                new PushLine.Request(json("{\"t\":3}")),
                new PushLine.Request(json("{\"t\":4}")),
                new PushLine.Request(json("{\"t\":7}")));
    }

    @Test
    void aCarriageReturnBeforeTheNewlineIsNotPartOfTheLine() {
        String sixteenBytes = "{\"t\":3,\"x\":\"ab\"}";
        assertThat(sixteenBytes).hasSize(16);
        write(sixteenBytes + "\r\n");
        assertThat(lines()).containsExactly(new PushLine.Request(json(sixteenBytes)));
    }

    @Test
    void anOversizedLineIsReportedOnceAndTheNextLineIsReadNormally() {
        write("{\"t\":1,\"alias\":\"");
        write("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa");
        write("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa");
        write("\"}\n{\"t\":3}\n");
        assertThat(lines()).containsExactly(new PushLine.Oversized(16), new PushLine.Request(json("{\"t\":3}")));
    }

    @Test
    void anOversizedLineArrivingWholeIsSkippedUpToItsNewline() {
        write("{\"t\":1,\"alias\":\"0123456789\"}\n{\"t\":4}\n");
        assertThat(lines()).containsExactly(new PushLine.Oversized(16), new PushLine.Request(json("{\"t\":4}")));
    }

    @Test
    void garbageIsMalformedAndDoesNotStopTheNextLine() {
        write("hello\n{\"t\":3}{\"t\":4}\n{\"t\":\n{\"t\":3}\n");
        List<PushLine> lines = lines();
        assertThat(lines).hasSize(4);
        assertThat(lines.subList(0, 3)).allMatch(PushLine.Malformed.class::isInstance);
        assertThat(lines.get(3)).isEqualTo(new PushLine.Request(json("{\"t\":3}")));
    }

    @Test
    void invalidUtf8IsMalformed() {
        channel.writeInbound(Unpooled.wrappedBuffer(new byte[] {'"', (byte) 0xC3, (byte) 0x28, '"', '\n'}));
        assertThat(lines()).singleElement().isInstanceOf(PushLine.Malformed.class);
    }

    @Test
    void nonAsciiTextIsReadAsUtf8() {
        write("\"小区\"\n");
        assertThat(lines()).containsExactly(new PushLine.Request(json("\"小区\"")));
    }

    @Test
    void emptyAndBlankLinesAreSkipped() {
        write("\n\r\n  \t \n{\"t\":3}\n\n");
        assertThat(lines()).containsExactly(new PushLine.Request(json("{\"t\":3}")));
    }

    @Test
    void anUnterminatedLineAtEndOfStreamIsDropped() {
        write("{\"t\":3}");
        assertThat(channel.finish()).isFalse();
    }

    private void write(String text) {
        ByteBuf buf = Unpooled.copiedBuffer(text, StandardCharsets.UTF_8);
        channel.writeInbound(buf);
    }

    private List<PushLine> lines() {
        List<PushLine> lines = new ArrayList<>();
        for (Object line = channel.readInbound(); line != null; line = channel.readInbound()) {
            lines.add((PushLine) line);
        }
        return lines;
    }
}
