package io.alarmhub.gateway.device.hemu.app;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.BinaryBitmap;
import com.google.zxing.DecodeHintType;
import com.google.zxing.MultiFormatReader;
import com.google.zxing.NotFoundException;
import com.google.zxing.RGBLuminanceSource;
import com.google.zxing.Result;
import com.google.zxing.common.HybridBinarizer;
import org.junit.jupiter.api.Test;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** QrImage: what it draws scans back to the same text. */
class QrImageTest {

    @Test
    void decodesBackToTheSameText() throws Exception {
        for (String text : List.of("hello", "https://192.168.1.10:8443/andmu", "和目摄像头 绑定 ✓",
                "{\"userMobile\":\"13800138000\",\"userToken\":\"a1b2c3\",\"name\":\"客厅\"}")) {
            assertThat(decode(QrImage.png(text, 256))).as(text).isEqualTo(text);
        }
    }

    @Test
    void theLongestTextAtTheSmallestSizeStillScans() throws Exception {
        String text = "{\"k\":\"" + "x".repeat(QrImage.MAX_TEXT_BYTES - 8) + "\"}";

        BufferedImage image = read(QrImage.png(text, QrImage.MIN_SIZE));

        assertThat(image.getWidth()).as("one pixel per module at least").isGreaterThan(QrImage.MIN_SIZE);
        assertThat(decode(QrImage.png(text, QrImage.MAX_SIZE))).isEqualTo(text);
    }

    @Test
    void isAPngOfTheAskedSizeBlackOnWhite() throws Exception {
        BufferedImage image = read(QrImage.png("x", 200));

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

    private static BufferedImage read(byte[] png) throws IOException {
        assertThat(png).startsWith(0x89, 'P', 'N', 'G');
        return ImageIO.read(new ByteArrayInputStream(png));
    }

    /**
     * ZXing's BufferedImageLuminanceSource is in its javase artifact, which would bring jai-imageio into the
     * tests and with it other ImageIO plugins than production has; core's RGBLuminanceSource reads the same pixels.
     */
    private static String decode(byte[] png) throws IOException, NotFoundException {
        BufferedImage image = read(png);
        int[] pixels = image.getRGB(0, 0, image.getWidth(), image.getHeight(), null, 0, image.getWidth());
        BinaryBitmap bitmap = new BinaryBitmap(new HybridBinarizer(
                new RGBLuminanceSource(image.getWidth(), image.getHeight(), pixels)));
        Result result = new MultiFormatReader().decode(bitmap, Map.of(
                DecodeHintType.POSSIBLE_FORMATS, List.of(BarcodeFormat.QR_CODE),
                DecodeHintType.PURE_BARCODE, Boolean.FALSE));
        assertThat(result.getBarcodeFormat()).isEqualTo(BarcodeFormat.QR_CODE);
        return result.getText();
    }
}
