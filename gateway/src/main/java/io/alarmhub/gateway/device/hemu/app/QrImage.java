package io.alarmhub.gateway.device.hemu.app;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.EncodeHintType;
import com.google.zxing.WriterException;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.qrcode.QRCodeWriter;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.awt.image.WritableRaster;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Objects;

/**
 * A QR code as a PNG image, black on white, for a phone to scan (the Hemu binding codes hold JSON and
 * may hold Chinese text, hence UTF-8). Error correction M: a code shown on a screen or printed on a
 * label is rarely damaged, and M keeps the modules larger than Q or H for the same text.
 */
public final class QrImage {

    /** Past this a code gets too dense to scan from a phone screen; binding codes are far shorter. */
    public static final int MAX_TEXT_BYTES = 1_000;
    public static final int MIN_SIZE = 64;
    public static final int MAX_SIZE = 1024;

    /** Modules of white around the code: the standard asks 4, scanners cope with 2 and the code gets larger. */
    static final int QUIET_ZONE = 2;

    private static final int BLACK = 0;
    private static final int WHITE = 1;

    private QrImage() {
    }

    /**
     * The PNG of a QR code of {@code text}, {@code sizePixels} square; larger when the code has more modules
     * than that (ZXing never draws a module smaller than one pixel), and the code is centred when the size is
     * not a whole number of pixels per module.
     *
     * @throws IllegalArgumentException when the text is over {@value #MAX_TEXT_BYTES} bytes in UTF-8 or the
     *                                  size is outside {@value #MIN_SIZE}..{@value #MAX_SIZE}
     */
    public static byte[] png(String text, int sizePixels) {
        Objects.requireNonNull(text, "text");
        int bytes = text.getBytes(StandardCharsets.UTF_8).length;
        if (bytes > MAX_TEXT_BYTES) {
            throw new IllegalArgumentException("a QR code holds at most " + MAX_TEXT_BYTES + " bytes here, not " + bytes);
        }
        if (sizePixels < MIN_SIZE || sizePixels > MAX_SIZE) {
            throw new IllegalArgumentException("a QR image is " + MIN_SIZE + " to " + MAX_SIZE + " pixels, not " + sizePixels);
        }
        return write(image(matrix(text, sizePixels)));
    }

    private static BitMatrix matrix(String text, int size) {
        Map<EncodeHintType, Object> hints = Map.of(
                EncodeHintType.ERROR_CORRECTION, ErrorCorrectionLevel.M,
                EncodeHintType.CHARACTER_SET, StandardCharsets.UTF_8.name(),
                EncodeHintType.MARGIN, QUIET_ZONE);
        try {
            return new QRCodeWriter().encode(text, BarcodeFormat.QR_CODE, size, size, hints);
        } catch (WriterException e) {
            // Only when the text does not fit a version-40 code, which 1,000 bytes at level M always do.
            throw new IllegalArgumentException("cannot encode the text as a QR code: " + e.getMessage(), e);
        }
    }

    /** One bit per pixel: the smallest PNG, and no colour a scanner could misread. */
    private static BufferedImage image(BitMatrix matrix) {
        BufferedImage image = new BufferedImage(matrix.getWidth(), matrix.getHeight(), BufferedImage.TYPE_BYTE_BINARY);
        WritableRaster raster = image.getRaster();
        for (int y = 0; y < matrix.getHeight(); y++) {
            for (int x = 0; x < matrix.getWidth(); x++) {
                raster.setSample(x, y, 0, matrix.get(x, y) ? BLACK : WHITE);
            }
        }
        return image;
    }

    private static byte[] write(BufferedImage image) {
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        try {
            if (!ImageIO.write(image, "png", png)) {
                throw new IllegalStateException("this JDK has no PNG writer");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("writing a PNG into memory", e);
        }
        return png.toByteArray();
    }
}
