package io.alarmhub.gateway.device.hemu.app;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.BinaryBitmap;
import com.google.zxing.DecodeHintType;
import com.google.zxing.MultiFormatReader;
import com.google.zxing.NotFoundException;
import com.google.zxing.RGBLuminanceSource;
import com.google.zxing.Result;
import com.google.zxing.common.HybridBinarizer;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Reads a QR code back from a PNG, as a camera's scanner would, for the tests of what alarmhub draws. */
final class QrDecoder {

    private QrDecoder() {
    }

    static BufferedImage read(byte[] png) throws IOException {
        assertThat(png).startsWith(0x89, 'P', 'N', 'G');
        return ImageIO.read(new ByteArrayInputStream(png));
    }

    /**
     * ZXing's BufferedImageLuminanceSource is in its javase artifact, which would bring jai-imageio into the
     * tests and with it other ImageIO plugins than production has; core's RGBLuminanceSource reads the same pixels.
     */
    static String decode(byte[] png) throws IOException, NotFoundException {
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
