package org.archivekit.cli;

import java.io.OutputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.archivekit.share.qr.QrCodes;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code archivekit qr URL --out FILE.png}: a QR code for a permalink or share link. */
@Command(name = "qr", description = "Write a QR code PNG for a permalink or share link.")
final class QrCommand implements Callable<Integer> {
    @ParentCommand
    private Main main;

    @Parameters(index = "0", paramLabel = "URL", description = "An absolute http(s) URL.")
    private String url;

    @Option(names = "--out", required = true, paramLabel = "FILE.png", description = "Where to write the PNG.")
    private Path out;

    @Option(names = "--size", defaultValue = "400", paramLabel = "PIXELS", description = "Side (default 400).")
    private int size;

    @Override
    public Integer call() throws Exception {
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            throw CliException.badInput("'" + url + "' is not a URL: " + e.getMessage());
        }
        try {
            if (out.toAbsolutePath().getParent() != null) Files.createDirectories(out.toAbsolutePath().getParent());
            try (OutputStream o = Files.newOutputStream(out)) {
                QrCodes.writePng(uri, size, o);
            }
        } catch (IllegalArgumentException e) {
            Files.deleteIfExists(out);
            throw CliException.badInput(e.getMessage());
        }
        main.context().err().println("QR code written to " + out);
        return ExitCodes.OK;
    }
}
