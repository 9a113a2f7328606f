package io.alarmhub.video.mp4;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.alarmhub.video.VideoException;
import org.junit.jupiter.api.Test;

class BoxesTest {

    @Test
    void closingABoxWritesItsSizeAroundWhatItHolds() {
        Boxes boxes = new Boxes(4, 1024);
        boxes.open("moof").open("mfhd", 0, 0).u32(7).close().close();

        assertThat(boxes.toByteArray()).containsExactly(
                0, 0, 0, 24, 'm', 'o', 'o', 'f',
                0, 0, 0, 16, 'm', 'f', 'h', 'd', 0, 0, 0, 0, 0, 0, 0, 7);
    }

    @Test
    void aPatchedFieldAndTheWidthsOfNumbersAreBigEndian() {
        Boxes boxes = new Boxes(4, 1024);
        boxes.u8(1).u16(0x0203).u24(0x040506);
        int at = boxes.position();
        boxes.u32(0).u64(0x0708090a0b0c0d0eL);
        boxes.patchU32(at, 0xfffffffeL);

        assertThat(boxes.toByteArray()).containsExactly(1, 2, 3, 4, 5, 6, -1, -1, -1, -2,
                7, 8, 9, 10, 11, 12, 13, 14);
    }

    @Test
    void itGrowsUpToItsLimitAndNoFurther() {
        Boxes boxes = new Boxes(4, 16);
        boxes.zeros(16);
        assertThatThrownBy(() -> boxes.u8(0)).isInstanceOf(VideoException.class);

        boxes.reset();
        assertThat(boxes.position()).isZero();
        assertThat(boxes.view().remaining()).isZero();
    }
}
