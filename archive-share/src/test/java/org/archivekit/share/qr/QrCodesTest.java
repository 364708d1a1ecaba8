package org.archivekit.share.qr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.RGBLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import javax.imageio.ImageIO;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

final class QrCodesTest {

    static String decode(byte[] png) throws Exception {
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
        int[] pixels = image.getRGB(0, 0, image.getWidth(), image.getHeight(), null, 0, image.getWidth());
        return new QRCodeReader().decode(new BinaryBitmap(new HybridBinarizer(
                new RGBLuminanceSource(image.getWidth(), image.getHeight(), pixels)))).getText();
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://archives.example.edu/CN-DEMO-U/records/Z001-WS.1931-Y-0002-0001",
        "https://archives.example.edu/r/Z001/Z001-WS%C2%B71931-Y",
        "https://archives.example.edu/share/ak1.azE4CmFiY2RlZmdoaWprbG1ub3BxcnM.dGVzdG1hY3Rlc3RtYWN0ZXN0bWFjdGVzdG1hYw"})
    void aPngDecodesBackToTheSameUrl(String url) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        QrCodes.writePng(URI.create(url), 300, out);
        byte[] png = out.toByteArray();
        assertThat(png).startsWith(0x89, 'P', 'N', 'G');
        assertThat(ImageIO.read(new ByteArrayInputStream(png)).getWidth()).isEqualTo(300);
        assertThat(decode(png)).isEqualTo(url);
    }

    @Test
    void onlyAbsoluteWebUrlsAndSaneSizesAreEncoded() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertThatThrownBy(() -> QrCodes.writePng(URI.create("javascript:alert(1)"), 300, out))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> QrCodes.writePng(URI.create("/records/Z001"), 300, out))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> QrCodes.writePng(URI.create("https://a.example/x"), 10, out))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(out.size()).isZero();
    }
}
