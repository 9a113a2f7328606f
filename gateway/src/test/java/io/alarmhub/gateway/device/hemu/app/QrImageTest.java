package io.alarmhub.gateway.device.hemu.app;

import org.junit.jupiter.api.Test;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** QrImage: what it draws scans back to the same text. */
class QrImageTest {

    @Test
    void decodesBackToTheSameText() throws Exception {
        for (String text : List.of("hello", "https://192.168.1.10:8443/andmu", "和目摄像头 绑定 ✓",
                "{\"userMobile\":\"13800138000\",\"userToken\":\"a1b2c3\",\"name\":\"客厅\"}")) {
            assertThat(QrDecoder.decode(QrImage.png(text, 256))).as(text).isEqualTo(text);
        }
    }

    @Test
    void theLongestTextAtTheSmallestSizeStillScans() throws Exception {
        String text = "{\"k\":\"" + "x".repeat(QrImage.MAX_TEXT_BYTES - 8) + "\"}";

        BufferedImage image = QrDecoder.read(QrImage.png(text, QrImage.MIN_SIZE));

        assertThat(image.getWidth()).as("one pixel per module at least").isGreaterThan(QrImage.MIN_SIZE);
        assertThat(QrDecoder.decode(QrImage.png(text, QrImage.MAX_SIZE))).isEqualTo(text);
    }

    @Test
    void isAPngOfTheAskedSizeBlackOnWhite() throws Exception {
        BufferedImage image = QrDecoder.read(QrImage.png("x", 200));

        assertThat(image.getWidth()).isEqualTo(200);
        assertThat(image.getHeight()).isEqualTo(200);
        assertThat(image.getRGB(0, 0)).as("the quiet zone").isEqualTo(0xFFFFFFFF);
        assertThat(image.getRGB(100, 100) == 0xFF000000 || image.getRGB(100, 100) == 0xFFFFFFFF).isTrue();
    }

    @Test
    void refusesTooMuchTextAndSizesOutOfRange() {
        assertThatThrownBy(() -> QrImage.png("x".repeat(1_001), 256)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("1001");
        // 334 three-byte characters are 1,002 bytes: the limit is in bytes, not characters.
        assertThatThrownBy(() -> QrImage.png("和".repeat(334), 256)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> QrImage.png("x", 63)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> QrImage.png("x", 1025)).isInstanceOf(IllegalArgumentException.class);
        assertThat(QrImage.png("x".repeat(1_000), 1024)).isNotEmpty();
    }
}
