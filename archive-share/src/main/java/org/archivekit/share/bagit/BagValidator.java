package org.archivekit.share.bagit;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.archivekit.core.StorageException;
import org.jspecify.annotations.Nullable;

/**
 * Validates a bag directory against RFC 8493 (BagIt 1.0) and the drafts 0.93–0.97 it declares; stateless and
 * thread-safe. Reads every payload file once, computing all its manifests' digests in the same pass.
 *
 * <p>Never follows fetch.txt: files it lists that are absent make the bag incomplete, not invalid. Symbolic links,
 * absolute paths, {@code ..} segments, home-directory shortcuts and drive or UNC paths in manifests or fetch.txt
 * make it invalid. Version-specific rules: 1.0 percent-decodes {@code %0A %0D %25} in paths and forbids listing a
 * path twice; earlier drafts read paths literally and only warn about a repeated path with the same checksum.
 *
 * @since 0.1
 */
public final class BagValidator {
    private static final Pattern VERSION_LINE = Pattern.compile("BagIt-Version: ([0-9]+)\\.([0-9]+)");
    private static final Pattern ENCODING_LINE = Pattern.compile("Tag-File-Character-Encoding: (\\S+)");
    private static final Pattern MANIFEST = Pattern.compile("(tag)?manifest-([a-z0-9]+)\\.txt");
    private static final Set<String> KNOWN_VERSIONS = Set.of("0.93", "0.94", "0.95", "0.96", "0.97", "1.0");
    private static final Set<String> SYSTEM_FILES = Set.of(".ds_store", "thumbs.db", "desktop.ini", ".spotlight-v100",
            ".trashes", ".fseventsd", "ehthumbs.db");
    private static final Map<String, String> DIGESTS = Map.of("md5", "MD5", "sha1", "SHA-1", "sha224", "SHA-224",
            "sha256", "SHA-256", "sha384", "SHA-384", "sha512", "SHA-512");

    private BagValidator() {}

    /**
     * Validates the bag in directory {@code bag}.
     *
     * @throws StorageException when the directory cannot be read at all
     */
    public static BagReport validate(Path bag) {
        return new Run(bag).run();
    }

    /** One validation: collects errors and warnings as it goes. */
    private static final class Run {
        final Path bag;
        final List<String> errors = new ArrayList<>();
        final List<String> warnings = new ArrayList<>();
        final List<String> missingFetch = new ArrayList<>();
        @Nullable String version;
        Charset encoding = StandardCharsets.UTF_8;
        long files;
        long bytes;
        int tolerated;

        Run(Path bag) {
            this.bag = bag;
        }

        BagReport run() {
            try {
                if (!Files.isDirectory(bag, LinkOption.NOFOLLOW_LINKS)) {
                    errors.add("not a directory: " + bag);
                } else if (readBagitTxt()) {
                    checkContents();
                }
            } catch (IOException e) {
                throw StorageException.from(e);
            }
            return new BagReport(version, errors, warnings, missingFetch, files, bytes);
        }

        /** bagit.txt: exactly the version line then the encoding line, UTF-8, no BOM. */
        boolean readBagitTxt() throws IOException {
            Path f = bag.resolve("bagit.txt");
            if (!Files.isRegularFile(f, LinkOption.NOFOLLOW_LINKS)) {
                errors.add("bagit.txt is missing");
                return false;
            }
            byte[] raw = Files.readAllBytes(f);
            if (raw.length >= 3 && (raw[0] & 0xFF) == 0xEF && (raw[1] & 0xFF) == 0xBB && (raw[2] & 0xFF) == 0xBF) {
                errors.add("bagit.txt starts with a byte-order mark, which RFC 8493 forbids");
                return false;
            }
            List<String> lines = lines(new String(raw, StandardCharsets.UTF_8));
            Matcher v = lines.isEmpty() ? null : VERSION_LINE.matcher(lines.get(0));
            if (v == null || !v.matches()) {
                errors.add("bagit.txt: the first line must be 'BagIt-Version: M.N', got '"
                        + (lines.isEmpty() ? "" : lines.get(0)) + "'");
                return false;
            }
            version = Integer.parseInt(v.group(1)) + "." + Integer.parseInt(v.group(2));
            if (!KNOWN_VERSIONS.contains(version)) {
                errors.add("bagit.txt: unknown BagIt version " + version);
                return false;
            }
            Matcher e = lines.size() < 2 ? null : ENCODING_LINE.matcher(lines.get(1));
            if (e == null || !e.matches()) {
                errors.add("bagit.txt: the second line must be 'Tag-File-Character-Encoding: ENCODING'");
                return false;
            }
            if (lines.size() > 2) errors.add("bagit.txt has more than two lines");
            try {
                encoding = Charset.forName(e.group(1));
            } catch (IllegalArgumentException unknown) {
                errors.add("bagit.txt: unknown tag-file encoding " + e.group(1));
                return false;
            }
            return errors.isEmpty();
        }

        void checkContents() throws IOException {
            Map<String, Map<String, String>> payloadManifests = new TreeMap<>();
            Map<String, Map<String, String>> tagManifests = new TreeMap<>();
            try (Stream<Path> top = Files.list(bag)) {
                for (Path p : top.toList()) {
                    Matcher m = MANIFEST.matcher(p.getFileName().toString());
                    if (!m.matches()) continue;
                    String alg = m.group(2);
                    if (!DIGESTS.containsKey(alg)) {
                        warnings.add(p.getFileName() + ": unsupported algorithm " + alg + ", not checked");
                        continue;
                    }
                    Map<String, String> entries = readManifest(p, m.group(1) == null);
                    (m.group(1) == null ? payloadManifests : tagManifests).put(alg, entries);
                }
            }
            if (payloadManifests.isEmpty()) errors.add("no payload manifest (manifest-ALGORITHM.txt)");
            Path data = bag.resolve("data");
            if (!Files.isDirectory(data, LinkOption.NOFOLLOW_LINKS)) {
                errors.add("the payload directory data/ is missing");
                return;
            }
            Set<String> fetchPaths = readFetch();
            Set<String> present = payloadFiles(data);
            Set<String> listed = new TreeSet<>();
            payloadManifests.values().forEach(m -> listed.addAll(m.keySet()));
            for (String p : listed) {
                if (!p.startsWith("data/")) errors.add("payload manifest lists '" + p + "' outside data/");
            }
            for (String p : present) {
                for (Map.Entry<String, Map<String, String>> m : payloadManifests.entrySet()) {
                    if (!m.getValue().containsKey(p)) {
                        errors.add("manifest-" + m.getKey() + ".txt does not list payload file '" + p + "'");
                    }
                }
            }
            Map<String, String> presentFolded = new TreeMap<>();
            for (String p : present) presentFolded.put(fold(p), p);
            for (String p : listed) {
                if (present.contains(p)) continue;
                String alias = presentFolded.get(fold(p));
                if (fetchPaths.contains(p)) {
                    missingFetch.add(p);
                } else if (alias != null) {
                    // written on a case-insensitive or normalizing file system: one file under two names
                    tolerated++;
                    warnings.add("'" + p + "' is absent but '" + alias + "' differs from it only in case or"
                            + " Unicode normalization");
                } else if (isSystemFile(p)) {
                    tolerated++;
                    warnings.add("listed system file '" + p + "' is absent");
                } else {
                    errors.add("payload file '" + p + "' is listed but missing");
                }
            }
            warnAboutNames(listed);
            verify(present, payloadManifests, true);
            Set<String> tagFiles = new TreeSet<>();
            tagManifests.values().forEach(m -> tagFiles.addAll(m.keySet()));
            Set<String> tagPresent = new TreeSet<>();
            for (String t : tagFiles) {
                if (t.startsWith("data/")) {
                    errors.add("tag manifest lists payload file '" + t + "'");
                } else if (Files.isRegularFile(bag.resolve(t), LinkOption.NOFOLLOW_LINKS)) {
                    tagPresent.add(t);
                } else {
                    errors.add("tag file '" + t + "' is listed in a tag manifest but missing");
                }
            }
            verify(tagPresent, tagManifests, false);
            checkOxum();
        }

        /** Reads one manifest: path → checksum, with the version's path rules. */
        Map<String, String> readManifest(Path file, boolean payload) throws IOException {
            Map<String, String> entries = new LinkedHashMap<>();
            String name = file.getFileName().toString();
            int n = 0;
            for (String line : lines(readTagFile(file))) {
                n++;
                if (line.isBlank()) continue;
                String[] parts = line.strip().split("[ \\t]+", 2);
                if (parts.length < 2) {
                    errors.add(name + " line " + n + ": expected 'CHECKSUM PATH'");
                    continue;
                }
                String checksum = parts[0].toLowerCase(Locale.ROOT);
                String path = parts[1];
                if (path.startsWith("*")) {
                    warnings.add(name + " line " + n + ": md5sum-style '*' before the path");
                    path = path.substring(1);
                }
                path = normalizePath(path, name + " line " + n);
                if (path == null) continue;
                String before = entries.put(path, checksum);
                if (before != null) {
                    if (!before.equals(checksum)) {
                        errors.add(name + ": '" + path + "' is listed twice with different checksums");
                    } else if ("1.0".equals(version)) {
                        errors.add(name + ": '" + path + "' is listed twice");
                    } else {
                        warnings.add(name + ": '" + path + "' is listed twice with the same checksum");
                    }
                }
            }
            return entries;
        }

        /** The path as it names a file of the bag, or null (with an error) when it points outside. */
        @Nullable String normalizePath(String raw, String where) {
            String p = raw;
            if ("1.0".equals(version)) {
                p = p.replace("%0A", "\n").replace("%0a", "\n").replace("%0D", "\r").replace("%0d", "\r")
                        .replace("%25", "%");
            }
            if (p.startsWith("/") || p.startsWith("\\") || p.matches("^[A-Za-z]:.*") || p.startsWith("~")
                    || p.contains("\u0000")) {
                errors.add(where + ": path '" + raw + "' is outside the bag");
                return null;
            }
            if (p.startsWith("./")) {
                warnings.add(where + ": path '" + raw + "' starts with ./");
                p = p.substring(2);
            }
            for (String segment : p.split("[/\\\\]")) {
                if (segment.equals("..")) {
                    errors.add(where + ": path '" + raw + "' leaves the bag through ..");
                    return null;
                }
            }
            return p;
        }

        /** fetch.txt's paths (validated, never fetched). */
        Set<String> readFetch() throws IOException {
            Set<String> out = new TreeSet<>();
            Path f = bag.resolve("fetch.txt");
            if (!Files.isRegularFile(f, LinkOption.NOFOLLOW_LINKS)) return out;
            int n = 0;
            for (String line : lines(readTagFile(f))) {
                n++;
                if (line.isBlank()) continue;
                String[] parts = line.strip().split("[ \\t]+", 3);
                if (parts.length < 3) {
                    errors.add("fetch.txt line " + n + ": expected 'URL LENGTH PATH'");
                    continue;
                }
                String path = normalizePath(parts[2], "fetch.txt line " + n);
                if (path == null) continue;
                if (!path.startsWith("data/")) errors.add("fetch.txt line " + n + ": '" + path + "' is not payload");
                out.add(path);
            }
            return out;
        }

        /** Every regular file under data/, as bag-relative paths; symbolic links are errors. */
        Set<String> payloadFiles(Path data) throws IOException {
            Set<String> out = new TreeSet<>();
            try (Stream<Path> walk = Files.walk(data)) {
                for (Path p : walk.toList()) {
                    String rel = bag.relativize(p).toString().replace('\\', '/');
                    if (Files.isSymbolicLink(p)) {
                        errors.add("payload '" + rel + "' is a symbolic link");
                    } else if (Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) {
                        out.add(rel);
                    }
                }
            }
            return out;
        }

        void warnAboutNames(Set<String> listed) {
            Map<String, String> folded = new TreeMap<>();
            for (String p : listed) {
                String other = folded.put(fold(p), p);
                if (other != null) warnings.add("'" + other + "' and '" + p + "' differ only in case or normalization");
                if (isSystemFile(p)) warnings.add("'" + p + "' is an operating-system file");
            }
        }

        /** Hashes each file once for all the algorithms that list it, and compares. */
        void verify(Set<String> paths, Map<String, Map<String, String>> manifests, boolean payload)
                throws IOException {
            for (String p : paths) {
                Map<String, MessageDigest> digests = new TreeMap<>();
                for (Map.Entry<String, Map<String, String>> m : manifests.entrySet()) {
                    if (m.getValue().containsKey(p)) digests.put(m.getKey(), digest(m.getKey()));
                }
                if (digests.isEmpty()) continue;
                long size = 0;
                try (InputStream in = Files.newInputStream(bag.resolve(p), LinkOption.NOFOLLOW_LINKS)) {
                    byte[] buf = new byte[64 * 1024];
                    for (int r; (r = in.read(buf)) > 0; ) {
                        size += r;
                        for (MessageDigest d : digests.values()) d.update(buf, 0, r);
                    }
                }
                for (Map.Entry<String, MessageDigest> d : digests.entrySet()) {
                    String actual = HexFormat.of().formatHex(d.getValue().digest());
                    String expected = manifests.get(d.getKey()).get(p);
                    if (!actual.equals(expected)) {
                        errors.add((payload ? "payload" : "tag") + " file '" + p + "' fails its " + d.getKey()
                                + " checksum");
                    }
                }
                if (payload) {
                    files++;
                    bytes += size;
                }
            }
        }

        void checkOxum() throws IOException {
            Path info = bag.resolve("bag-info.txt");
            if (!Files.isRegularFile(info, LinkOption.NOFOLLOW_LINKS)) return;
            for (String line : lines(readTagFile(info))) {
                int colon = line.indexOf(':');
                if (colon < 0 || !line.substring(0, colon).strip().equalsIgnoreCase("Payload-Oxum")) continue;
                String value = line.substring(colon + 1).strip();
                String expected = bytes + "." + files;
                if (missingFetch.isEmpty() && errors.isEmpty() && !value.equals(expected)) {
                    String problem = "bag-info.txt: Payload-Oxum " + value + " but the payload is " + expected;
                    // absent files that were tolerated above are still counted by the bag's maker
                    if (tolerated > 0) warnings.add(problem);
                    else errors.add(problem);
                }
            }
        }

        String readTagFile(Path f) throws IOException {
            byte[] raw = Files.readAllBytes(f);
            try {
                String s = encoding.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(raw)).toString();
                return s.startsWith("\uFEFF") ? s.substring(1) : s;
            } catch (CharacterCodingException e) {
                errors.add(bag.relativize(f) + " is not valid " + encoding.name());
                return "";
            }
        }

        static String fold(String path) {
            return Normalizer.normalize(path, Normalizer.Form.NFC).toLowerCase(Locale.ROOT);
        }

        static boolean isSystemFile(String path) {
            String name = path.substring(path.lastIndexOf('/') + 1).toLowerCase(Locale.ROOT);
            return SYSTEM_FILES.contains(name);
        }

        static List<String> lines(String s) {
            return List.of(s.split("\r\n|\r|\n", -1)).stream().filter(l -> !l.isEmpty()).toList();
        }

        static MessageDigest digest(String alg) {
            try {
                return MessageDigest.getInstance(DIGESTS.get(alg));
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(alg + " is missing from this JVM", e);
            }
        }
    }
}
