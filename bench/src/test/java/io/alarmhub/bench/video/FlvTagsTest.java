package io.alarmhub.bench.video;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FlvTagsTest {

    /** An FLV header, then a script tag, a video tag and an audio tag, each with its previous tag size. */
    private static byte[] stream() {
        ByteArrayOutputStream flv = new ByteArrayOutputStream();
        flv.writeBytes(new byte[] {'F', 'L', 'V', 1, 5, 0, 0, 0, 9, 0, 0, 0, 0});
        tag(flv, 18, 40);
        tag(flv, 9, 70_000);
        tag(flv, 8, 3);
        return flv.toByteArray();
    }

    private static void tag(ByteArrayOutputStream flv, int type, int size) {
        flv.writeBytes(new byte[] {(byte) type, (byte) (size >> 16), (byte) (size >> 8), (byte) size, 0, 0, 0, 0,
            0, 0, 0});
        flv.writeBytes(new byte[size]);
        flv.writeBytes(new byte[] {0, 0, 0, (byte) (size + 11)});
    }

    @Test
    void countsEveryTagWhateverPiecesTheBytesComeIn() {
        byte[] bytes = stream();
        for (int piece : new int[] {1, 7, 11, 4096, bytes.length}) {
            FlvTags tags = new FlvTags();
            for (int at = 0; at < bytes.length; at += piece) {
                ByteBuf chunk = Unpooled.wrappedBuffer(bytes, at, Math.min(piece, bytes.length - at));
                tags.accept(chunk);
                assertThat(chunk.isReadable()).isFalse();
            }

            assertThat(tags.started()).isTrue();
            assertThat(tags.tags()).as("pieces of %d bytes", piece).isEqualTo(3);
            assertThat(tags.videoTags()).isEqualTo(1);
            assertThat(tags.audioTags()).isEqualTo(1);
        }
    }

    @Test
    void aTagIsCountedOnceItsHeaderIsWholeAndNotBefore() {
        byte[] bytes = stream();
        FlvTags tags = new FlvTags();

        tags.accept(Unpooled.wrappedBuffer(bytes, 0, 13 + 10));
        assertThat(tags.started()).isTrue();
        assertThat(tags.tags()).isZero();

        tags.accept(Unpooled.wrappedBuffer(bytes, 23, 1));
        assertThat(tags.tags()).isEqualTo(1);
    }

    @Test
    void aStreamThatIsNotFlvIsRefused() {
        FlvTags tags = new FlvTags();

        assertThatThrownBy(() -> tags.accept(Unpooled.wrappedBuffer("HTTP/1.1 200 OK\r\n".getBytes())))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("not FLV");
    }
}
