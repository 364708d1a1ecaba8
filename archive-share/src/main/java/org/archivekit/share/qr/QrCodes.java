package org.archivekit.share.qr;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.EncodeHintType;
import com.google.zxing.WriterException;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.qrcode.QRCodeWriter;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.util.Map;
import java.util.Objects;
import javax.imageio.ImageIO;
import org.archivekit.core.ExportException;

/**
 * QR codes as PNG for permalinks and share links, for posters and WeChat share cards; stateless.
 *
 * <p>Error correction level M (15 %), a four-module quiet zone, black on white. Only absolute http(s) URLs are
 * encoded, so a poster never carries anything else.
 *
 * @since 0.1
 */
public final class QrCodes {
    /** The smallest and largest image side, in pixels. */
    public static final int MIN_SIZE = 64;
    public static final int MAX_SIZE = 4096;
    private static final int MAX_URL = 2000;

    private QrCodes() {}

    /**
     * Writes a {@code size}×{@code size} PNG of a QR code for {@code url} to {@code out} (left open).
     *
     * @throws IllegalArgumentException when the URL is not absolute http(s), too long, or the size is out of range
     * @throws ExportException when the image cannot be written
     */
    public static void writePng(URI url, int size, OutputStream out) {
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(out, "out");
        String text = url.toString();
        if (!("http".equals(url.getScheme()) || "https".equals(url.getScheme())) || url.getHost() == null) {
            throw new IllegalArgumentException("only absolute http(s) URLs are encoded, not '" + text + "'");
        }
        if (text.length() > MAX_URL) throw new IllegalArgumentException("URL longer than " + MAX_URL + " characters");
        if (size < MIN_SIZE || size > MAX_SIZE) {
            throw new IllegalArgumentException("size must be " + MIN_SIZE + "-" + MAX_SIZE + " pixels, got " + size);
        }
        try {
            BitMatrix m = new QRCodeWriter().encode(text, BarcodeFormat.QR_CODE, size, size,
                    Map.of(EncodeHintType.ERROR_CORRECTION, ErrorCorrectionLevel.M, EncodeHintType.MARGIN, 4,
                            EncodeHintType.CHARACTER_SET, "UTF-8"));
            BufferedImage image = new BufferedImage(m.getWidth(), m.getHeight(), BufferedImage.TYPE_BYTE_BINARY);
            for (int y = 0; y < m.getHeight(); y++) {
                for (int x = 0; x < m.getWidth(); x++) image.setRGB(x, y, m.get(x, y) ? 0xFF000000 : 0xFFFFFFFF);
            }
            if (!ImageIO.write(image, "png", out)) throw new ExportException("no PNG writer in this JVM");
        } catch (WriterException e) {
            throw new ExportException("QR code for " + text + " could not be made: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new ExportException("QR code PNG could not be written: " + e.getMessage(), e);
        }
    }
}
