package org.archivekit.share.oai.harvest;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.archivekit.core.InvalidDateException;
import org.archivekit.core.model.Access;
import org.archivekit.core.model.AccessLevel;
import org.archivekit.core.model.Agent;
import org.archivekit.core.model.AgentRole;
import org.archivekit.core.model.AgentType;
import org.archivekit.core.model.ArchivalDate;
import org.archivekit.core.model.Description;
import org.archivekit.core.model.DescriptionId;
import org.archivekit.core.model.InstitutionCode;
import org.archivekit.core.model.Level;
import org.archivekit.core.model.LifecycleStatus;
import org.archivekit.core.model.Notes;
import org.archivekit.core.model.Title;
import org.archivekit.share.oai.harvest.OaiResponseReader.DcValue;
import org.archivekit.share.oai.harvest.OaiResponseReader.Item;
import org.jspecify.annotations.Nullable;

/**
 * Maps one harvested oai_dc record onto a description (see {@code docs/oai-pmh-harvest.md} for the table), and
 * derives stable record ids from OAI identifiers. Stateless.
 */
final class DcMapping {
    /** Custom field: the partner's OAI identifier. */
    static final String OAI_IDENTIFIER = "oai.identifier";
    /** Custom field: the partner's datestamp of the version harvested. */
    static final String OAI_DATESTAMP = "oai.datestamp";
    /** Custom field: the partner's setSpecs, one per line. */
    static final String OAI_SETS = "oai.setSpec";
    /** Custom field: {@code deleted} once the partner reported the record deleted. */
    static final String OAI_STATUS = "oai.status";
    /** Custom fields {@code dc.<element>}: DC content without a model field, values one per line. */
    static final String DC = "dc.";

    private static final int MAX_ID = 128;
    private static final Pattern ID_JUNK = Pattern.compile("[^A-Za-z0-9._:-]");
    private static final Pattern LANGUAGE_TAG = Pattern.compile("[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*");
    private static final Pattern W3CDTF_TIME = Pattern.compile("(\\d{4}-\\d{2}-\\d{2})T[0-9:.]+(Z|[+-]\\d{2}:\\d{2})?");
    /** ArchivesSpace writes ranges as {@code 2012-06-01 -- 2016-06-01}. */
    private static final Pattern DOUBLE_DASH = Pattern.compile("\\s+--\\s+");
    private static final Pattern URL = Pattern.compile("(?i)(https?|ftp)://\\S");
    private static final int MAX_LIST = 50;
    private static final int MAX_AGENTS = 500;
    private static final int MAX_SUBJECTS = 500;
    private static final int MAX_PARALLEL = 20;

    private DcMapping() {}

    /**
     * The record id for {@code oaiIdentifier} harvested into {@code institution}: {@code CODE:identifier} when the
     * identifier fits the id form, else its allowed characters (others as {@code -}) shortened as needed and
     * followed by {@code -} and 12 hex digits of its SHA-256, so that distinct identifiers never share an id.
     */
    static DescriptionId recordId(InstitutionCode institution, String oaiIdentifier) {
        String prefix = institution.value() + ":";
        String direct = prefix + oaiIdentifier;
        if (DescriptionId.isValid(direct)) return DescriptionId.of(direct);
        String hash = "-" + sha256(oaiIdentifier).substring(0, 12);
        String body = ID_JUNK.matcher(oaiIdentifier).replaceAll("-");
        int room = MAX_ID - prefix.length() - hash.length();
        if (body.length() > room) body = body.substring(0, Math.max(0, room));
        return DescriptionId.of(prefix + body + hash);
    }

    /** The id of the container fonds holding the partner's records: the institution code itself. */
    static DescriptionId containerId(InstitutionCode institution) {
        return DescriptionId.of(institution.value());
    }

    /**
     * The description for {@code item} under {@code container}, built on {@code existing} when it was harvested
     * before (its parent, sequence, digital objects and version are kept).
     *
     * @return the description, or {@code null} with {@code why[0]} set when the record cannot be stored
     */
    static @Nullable Description map(Item item, InstitutionCode institution, DescriptionId container,
            @Nullable Description existing, Instant now, String[] why) {
        Map<String, List<DcValue>> dc = item.dc();
        List<DcValue> titles = dc.getOrDefault("title", List.of());
        if (titles.isEmpty()) {
            why[0] = "no dc:title (a title is required)";
            return null;
        }
        Title title = title(titles.get(0));
        List<Title> parallel = new ArrayList<>();
        for (DcValue t : titles.subList(1, titles.size())) {
            if (parallel.size() < MAX_PARALLEL) parallel.add(title(t));
        }
        Map<String, String> custom = new TreeMap<>();
        if (existing != null) {
            // keep what staff added locally; everything harvested is rebuilt below
            existing.customFields().forEach((k, v) -> {
                if (!k.startsWith("oai.") && !k.startsWith(DC)) custom.put(k, v);
            });
        }
        custom.put(OAI_IDENTIFIER, item.identifier());
        custom.put(OAI_DATESTAMP, item.datestamp());
        if (!item.setSpecs().isEmpty()) custom.put(OAI_SETS, String.join("\n", item.setSpecs()));

        List<ArchivalDate> dates = new ArrayList<>();
        List<String> unread = new ArrayList<>();
        for (DcValue d : dc.getOrDefault("date", List.of())) {
            ArchivalDate parsed = date(OaiResponseReader.collapse(d.text()));
            if (parsed != null && dates.size() < MAX_LIST) dates.add(parsed);
            else unread.add(OaiResponseReader.collapse(d.text()));
        }
        if (!unread.isEmpty()) custom.put(DC + "date", String.join("\n", unread));

        Set<Agent> agents = new LinkedHashSet<>();
        for (DcValue v : dc.getOrDefault("creator", List.of())) agents.add(agent(v, AgentRole.CREATOR));
        for (DcValue v : dc.getOrDefault("contributor", List.of())) agents.add(agent(v, AgentRole.CONTRIBUTOR));
        List<Agent> agentList = new ArrayList<>(agents).subList(0, Math.min(agents.size(), MAX_AGENTS));

        Set<String> subjects = new LinkedHashSet<>();
        for (DcValue v : dc.getOrDefault("subject", List.of())) subjects.add(OaiResponseReader.collapse(v.text()));
        List<String> subjectList = new ArrayList<>(subjects).subList(0, Math.min(subjects.size(), MAX_SUBJECTS));

        List<String> languages = new ArrayList<>();
        List<String> otherLanguages = new ArrayList<>();
        for (DcValue v : dc.getOrDefault("language", List.of())) {
            String l = OaiResponseReader.collapse(v.text());
            if (LANGUAGE_TAG.matcher(l).matches() && languages.size() < MAX_LIST) {
                if (!languages.contains(l)) languages.add(l);
            } else {
                otherLanguages.add(l);
            }
        }
        if (!otherLanguages.isEmpty()) custom.put(DC + "language", String.join("\n", otherLanguages));

        String scope = joined(dc.get("description"), "\n\n");
        String rights = joined(dc.get("rights"), "\n");
        for (String element : List.of("identifier", "relation", "publisher", "type", "format", "source",
                "coverage")) {
            List<DcValue> values = dc.get(element);
            if (values == null) continue;
            List<String> texts = new ArrayList<>();
            for (DcValue v : values) texts.add(link(OaiResponseReader.collapse(v.text())));
            custom.put(DC + element, String.join("\n", texts));
        }

        Notes oldNotes = existing == null ? Notes.NONE : existing.notes();
        Notes notes = new Notes(oldNotes.accessConditions(), rights, oldNotes.custodialHistory(),
                oldNotes.acquisition(), oldNotes.relatedMaterial(), oldNotes.preferredCitation());
        LocalDate stamped = opening(item.datestamp(), now);
        Description.Builder b = existing == null
                ? Description.builder().id(recordId(institution, item.identifier())).institution(institution)
                        .parent(container).level(Level.ITEM)
                : existing.toBuilder();
        return b.title(title).parallelTitles(parallel).dates(dates).agents(agentList).subjects(subjectList)
                .languages(languages).scopeAndContent(scope).notes(notes).customFields(custom)
                // the partner published the record to us: public, open from the partner's datestamp (not the
                // default 25 years after its dates, which is for our own files and items)
                .access(Access.of(AccessLevel.PUBLIC).withOpeningDate(stamped))
                .status(LifecycleStatus.PUBLISHED).build();
    }

    /** {@code existing} marked withdrawn because the partner deleted it at {@code datestamp}. */
    static Description withdraw(Description existing, String datestamp) {
        Map<String, String> custom = new TreeMap<>(existing.customFields());
        custom.put(OAI_DATESTAMP, datestamp);
        custom.put(OAI_STATUS, "deleted");
        return existing.toBuilder().status(LifecycleStatus.WITHDRAWN).customFields(custom).build();
    }

    private static Title title(DcValue v) {
        return new Title(OaiResponseReader.collapse(v.text()), v.lang() == null ? "und" : v.lang());
    }

    private static Agent agent(DcValue v, AgentRole role) {
        // Dublin Core does not say whether a name is a person or a body; persons are by far the common case
        return new Agent(AgentType.PERSON, OaiResponseReader.collapse(v.text()), role, null);
    }

    /** A URL that a partner wrapped over lines (the spec's own examples do) loses the spaces the wrap left. */
    private static String link(String value) {
        return URL.matcher(value).lookingAt() ? value.replace(" ", "") : value;
    }

    private static @Nullable String joined(@Nullable List<DcValue> values, String separator) {
        if (values == null || values.isEmpty()) return null;
        List<String> texts = new ArrayList<>();
        for (DcValue v : values) texts.add(OaiResponseReader.collapse(v.text()));
        return String.join(separator, texts);
    }

    /** The date read from {@code text}, tolerating W3CDTF times and ArchivesSpace's {@code --}; else null. */
    static @Nullable ArchivalDate date(String text) {
        if (text.isEmpty()) return null;
        String readable = text;
        Matcher time = W3CDTF_TIME.matcher(text);
        if (time.matches()) readable = time.group(1);
        readable = DOUBLE_DASH.matcher(readable).replaceAll("/");
        try {
            ArchivalDate d = ArchivalDate.parse(readable);
            return new ArchivalDate(text, d.begin(), d.end(), d.approximate());
        } catch (InvalidDateException | IllegalArgumentException e) {
            return null;
        }
    }

    private static LocalDate opening(String datestamp, Instant now) {
        LocalDate today = now.atZone(ZoneOffset.UTC).toLocalDate();
        Instant stamp = OaiResponseReader.instant(datestamp);
        if (stamp == null) return today;
        LocalDate day = stamp.atZone(ZoneOffset.UTC).toLocalDate();
        return day.isAfter(today) ? today : day;
    }

    static String sha256(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JDK", e);
        }
    }
}
