package io.alarmhub.gateway.push.tcp;

import io.alarmhub.core.message.Message;
import io.alarmhub.gateway.push.protocol.PushReplies;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Optional;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

class PushedJsonTest {

    private static final Instant T0 = Instant.parse("2026-12-08T00:00:00Z");

    static Stream<Arguments> pushes() {
        return Stream.of(
                Arguments.of("m1", "{\"a\":1}", Optional.empty(), "alice"),
                Arguments.of("m2", "\"just text\"", Optional.of("news"), "bob"),
                Arguments.of("m3", "{\"name\":\"门铃 \\\"前门\\\"\",\"n\":[1,2.50,null]}", Optional.of("楼 1/单元\t2"),
                        "quote\"back\\slash\u0001ctl"),
                Arguments.of("m4", "[]", Optional.of(""), "é"));
    }

    @ParameterizedTest
    @MethodSource("pushes")
    void writesExactlyWhatTheJsonTreeOfThePushSerializesTo(String id, String payload, Optional<String> topic,
                                                          String alias) {
        Message message = new Message(id, payload, topic, T0, T0.plusSeconds(60));
        ByteBuf tree = PushFraming.json(Unpooled.buffer().alloc(), PushReplies.pushed(message, alias));
        String expected = tree.toString(StandardCharsets.UTF_8);
        tree.release();

        ByteBuf buf = PushedJson.write(Unpooled.buffer(), message, alias);
        try {
            assertThat(buf.toString(StandardCharsets.UTF_8)).isEqualTo(expected);
        } finally {
            buf.release();
        }
    }
}
