package org.archivekit.share.ead;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.archivekit.core.Archive;
import org.archivekit.core.model.Description;
import org.archivekit.share.ImportException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hostile XML is refused with a typed error naming the position, and nothing is fetched: a canary file's content
 * never shows up, and a local server socket standing in for "the network" never sees a connection.
 */
final class HostileXmlTest {
    private static final String CANARY = "CANARY-7f3a-must-never-be-read";
    private static final String BODY = "<ead xmlns=\"urn:isbn:1-931666-22-9\"><eadheader><eadid>h1</eadid></eadheader>"
            + "<archdesc level=\"fonds\"><did><unittitle>Hostile</unittitle></did><dsc><c level=\"file\"><did>"
            + "<unittitle>One</unittitle></did></c></dsc></archdesc></ead>";

    @TempDir
    Path dir;
    private Path canary;
    private ServerSocketChannel server;
    private String url;

    @BeforeEach
    void setUp() throws IOException {
        canary = dir.resolve("canary.txt");
        Files.writeString(canary, CANARY);
        server = ServerSocketChannel.open();
        server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        server.configureBlocking(false);
        url = "http://127.0.0.1:" + server.socket().getLocalPort() + "/evil";
    }

    @AfterEach
    void noConnectionWasAttempted() throws IOException {
        // the kernel completes a TCP handshake into the backlog even before accept(), so any attempt is visible
        ServerSocketChannel s = server;
        try (s; var attempt = s.accept()) {
            assertThat(attempt).as("a connection to " + url).isNull();
        }
    }

    private List<Description> read(String xml) {
        List<Description> out = new ArrayList<>();
        Corpus.importer().read(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)), "hostile.xml", "h",
                out::add);
        return out;
    }

    private void refused(String xml, String messagePart) {
        assertThatThrownBy(() -> read(xml)).isInstanceOf(ImportException.class)
                .hasMessageContaining("hostile.xml")
                .hasMessageContaining(messagePart)
                .hasMessageNotContaining(CANARY)
                .satisfies(e -> {
                    ImportException ie = (ImportException) e;
                    assertThat(ie.file()).isEqualTo("hostile.xml");
                    assertThat(ie.line()).isPositive();
                    assertThat(ie.column()).isPositive();
                });
    }

    @Nested
    final class Entities {
        @Test
        void externalFileEntityIsRefusedAndTheFileIsNotRead() {
            refused("<!DOCTYPE ead [<!ENTITY x SYSTEM \"" + canary.toUri() + "\">]>"
                    + BODY.replace("Hostile", "&x;"), "entit");
        }

        @Test
        void externalHttpEntityIsRefusedWithoutAConnection() {
            refused("<!DOCTYPE ead [<!ENTITY x SYSTEM \"" + url + "\">]>" + BODY.replace("Hostile", "&x;"),
                    "entit");
        }

        @Test
        void externalParameterEntityIsRefusedWithoutAConnection() {
            refused("<!DOCTYPE ead [<!ENTITY % p SYSTEM \"" + url + "\"> %p;]>" + BODY, "entit");
        }

        @Test
        void billionLaughsIsRefused() {
            StringBuilder dtd = new StringBuilder("<!DOCTYPE ead [<!ENTITY l0 \"lol\">");
            for (int i = 1; i <= 10; i++) {
                dtd.append("<!ENTITY l").append(i).append(" \"").append(("&l" + (i - 1) + ";").repeat(10))
                        .append("\">");
            }
            refused(dtd + "]>" + BODY.replace("Hostile", "&l10;"), "entit");
        }

        @Test
        void undeclaredEntityReferenceIsRefused() {
            refused(BODY.replace("Hostile", "caf&eacute;"), "eacute");
        }

        @Test
        void predefinedAndCharacterReferencesAreRead() {
            List<Description> d = read(BODY.replace("Hostile", "A &amp; B &#x4E2D;&#25991;"));
            assertThat(d.get(0).title().text()).isEqualTo("A & B 中文");
        }
    }

    @Nested
    final class Fetches {
        @Test
        void remoteDoctypeIsNeverLoadedAndTheFileStillImports() {
            List<Description> d = read("<!DOCTYPE ead PUBLIC \"+//ISBN 1-931666-00-8//DTD ead.dtd (Encoded Archival"
                    + " Description (EAD) Version 2002)//EN\" \"" + url + "\">" + BODY.replace(
                            " xmlns=\"urn:isbn:1-931666-22-9\"", ""));
            assertThat(d).hasSize(2);
        }

        @Test
        void localDoctypeFileIsNeverLoaded() {
            List<Description> d = read("<!DOCTYPE ead SYSTEM \"" + canary.toUri() + "\">"
                    + BODY.replace(" xmlns=\"urn:isbn:1-931666-22-9\"", ""));
            assertThat(d).hasSize(2);
            assertThat(d.toString()).doesNotContain(CANARY);
        }

        @Test
        void schemaLocationIsNeverFetched() {
            List<Description> d = read(BODY.replace("<ead ", "<ead xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-"
                    + "instance\" xsi:schemaLocation=\"urn:isbn:1-931666-22-9 " + url + "\" "));
            assertThat(d).hasSize(2);
        }

        @Test
        void xincludeIsRefused() {
            refused(BODY.replace("<dsc>", "<dsc><xi:include xmlns:xi=\"http://www.w3.org/2001/XInclude\" href=\""
                    + url + "\"/>"), "XInclude");
        }

        @Test
        void xincludeOfALocalFileIsRefused() {
            refused(BODY.replace("<dsc>", "<dsc><xi:include xmlns:xi=\"http://www.w3.org/2001/XInclude\" href=\""
                    + canary.toUri() + "\" parse=\"text\"/>"), "XInclude");
        }
    }

    @Nested
    final class Shape {
        @Test
        void hundredThousandDeepNestingIsRefusedWithoutStackOverflow() {
            String deep = "<p>".repeat(100_000) + "x" + "</p>".repeat(100_000);
            refused(BODY.replace("<dsc>", "<scopecontent>" + deep + "</scopecontent><dsc>"), "nested deeper");
        }

        @Test
        void malformedXmlNamesLineAndColumn() {
            assertThatThrownBy(() -> read(BODY.replace("</unittitle></did></c>", "</unittitle></c>")))
                    .isInstanceOfSatisfying(ImportException.class, e -> {
                        assertThat(e.line()).isEqualTo(1);
                        assertThat(e.column()).isGreaterThan(100);
                    });
        }

        @Test
        void notEadIsRefused() {
            refused("<html><body/></html>", "not an EAD document");
        }

        @Test
        void badFileStoresNothing() {
            String broken = BODY.replace("</dsc>", "<c level=\"file\"><did><unittitle>Two</unittitle></did></c>"
                    + "<c level=\"file\"><did><unittitle>Three</unittitle></did>" + "</dsc>");
            try (Archive archive = Corpus.archive()) {
                assertThatThrownBy(() -> Corpus.importer().importStream(archive, Corpus.ADMIN,
                        new ByteArrayInputStream(broken.getBytes(StandardCharsets.UTF_8)), "hostile.xml", "h"))
                        .isInstanceOf(ImportException.class);
                assertThat(archive.fonds(Corpus.ADMIN, Corpus.INST)).isEmpty();
                assertThat(archive.store().countByLevel().values().stream().mapToLong(Long::longValue).sum())
                        .isZero();
            }
        }
    }
}
