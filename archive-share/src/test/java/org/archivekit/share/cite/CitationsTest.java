package org.archivekit.share.cite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.List;
import java.util.stream.Stream;
import org.archivekit.core.Archive;
import org.archivekit.core.NotFoundException;
import org.archivekit.core.access.Principal;
import org.archivekit.core.model.Access;
import org.archivekit.core.model.AccessLevel;
import org.archivekit.core.model.Agent;
import org.archivekit.core.model.AgentRole;
import org.archivekit.core.model.AgentType;
import org.archivekit.core.model.ArchivalDate;
import org.archivekit.core.model.Description;
import org.archivekit.core.model.DescriptionId;
import org.archivekit.core.model.Institution;
import org.archivekit.core.model.InstitutionCode;
import org.archivekit.core.model.Level;
import org.archivekit.core.model.ReferenceCode;
import org.archivekit.core.model.Title;
import org.archivekit.core.store.InMemoryArchiveStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Citations checked against hand-written expected strings, Chinese and English. */
final class CitationsTest {
    static final InstitutionCode U = InstitutionCode.of("CN-DEMO-U");
    static final Institution REPO = new Institution(U, "示范大学档案馆", "Demo University Archives", null);

    static Description record(String title, String lang, String ref, ArchivalDate date, Agent... agents) {
        return Description.builder().id(DescriptionId.of("I1")).institution(U).parent(DescriptionId.of("F1"))
                .level(Level.ITEM).title(new Title(title, lang)).referenceCode(ref == null ? null : ReferenceCode.of(ref))
                .dates(date == null ? List.of() : List.of(date)).agents(List.of(agents)).build();
    }

    static Agent author(String name) {
        return new Agent(AgentType.CORPORATE_BODY, name, AgentRole.AUTHOR, null);
    }

    static Agent creator(String name) {
        return Agent.creator(AgentType.CORPORATE_BODY, name);
    }

    static ArchivalDate day(int y, int m, int d) {
        return ArchivalDate.ofDay(LocalDate.of(y, m, d));
    }

    static final Description NOTICE = record("关于印发《2003年本科教学工作要点》的通知", "zh", "Z002-WS·2003-Y-JWC-0012",
            day(2003, 3, 5), author("示范大学教务处"));
    static final Description MINGUO = record("呈教育部文（关于经费拨付）", "zh", "Z001-WS·1931-Y-XZB-0002-0001",
            new ArchivalDate("民国二十年", LocalDate.of(1931, 1, 1), LocalDate.of(1931, 12, 31), false),
            creator("国立示范大学校长办公室"));
    static final Description PHOTO = record("1987届毕业生合影", "zh", "Z007-ZP·1987-Y-0003",
            new ArchivalDate("1987年6月", LocalDate.of(1987, 6, 1), LocalDate.of(1987, 6, 30), false),
            new Agent(AgentType.PERSON, "王建国", AgentRole.PHOTOGRAPHER, null));
    static final Description RANGE = record("校长办公会议纪要", "zh", "Z001-WS·1985-Y-XZB-0001",
            ArchivalDate.ofYears(1985, 1987), creator("示范大学校长办公室"));
    static final Description CIRCA = record("校园全景", "zh", null,
            new ArchivalDate("约1930年", LocalDate.of(1930, 1, 1), LocalDate.of(1930, 12, 31), true));
    static final Description LETTER = record("Letter to the Ministry of Education on funding", "en",
            "Z001-WS·1931-Y-XZB-0002-0002", day(1931, 5, 12), author("President's Office"));
    static final Description REPORT = record("Annual research report", "en", "Z004-KY·2010-D30-KYC-0007",
            ArchivalDate.ofYears(2010, 2010), creator("Office of Research"));
    static final Description MONTHS = record("Campus construction photographs", "en", "Z006-JJ·1995-Y-0001",
            new ArchivalDate("1995-03/1995-05", LocalDate.of(1995, 3, 1), LocalDate.of(1995, 5, 31), false));
    static final Description UNDATED = record("Alumni letters", "en", "Z003-XS-0001", null,
            creator("Student Affairs Office"));

    static Stream<Arguments> table() {
        return Stream.of(
            // GB/T 7714-2015, [A]
            Arguments.of(NOTICE, CitationStyle.GBT7714,
                "示范大学教务处. 关于印发《2003年本科教学工作要点》的通知[A]. 示范大学档案馆, 2003-03-05. 档号: Z002-WS·2003-Y-JWC-0012."),
            Arguments.of(MINGUO, CitationStyle.GBT7714,
                "国立示范大学校长办公室. 呈教育部文（关于经费拨付）[A]. 示范大学档案馆, 1931. 档号: Z001-WS·1931-Y-XZB-0002-0001."),
            Arguments.of(PHOTO, CitationStyle.GBT7714,
                "王建国. 1987届毕业生合影[A]. 示范大学档案馆, 1987-06. 档号: Z007-ZP·1987-Y-0003."),
            Arguments.of(RANGE, CitationStyle.GBT7714,
                "示范大学校长办公室. 校长办公会议纪要[A]. 示范大学档案馆, 1985—1987. 档号: Z001-WS·1985-Y-XZB-0001."),
            Arguments.of(CIRCA, CitationStyle.GBT7714,
                "校园全景[A]. 示范大学档案馆, 约1930. 档号: I1."),
            Arguments.of(LETTER, CitationStyle.GBT7714,
                "President's Office. Letter to the Ministry of Education on funding[A]. Demo University Archives, 1931-05-12. Reference code: Z001-WS·1931-Y-XZB-0002-0002."),
            Arguments.of(REPORT, CitationStyle.GBT7714,
                "Office of Research. Annual research report[A]. Demo University Archives, 2010. Reference code: Z004-KY·2010-D30-KYC-0007."),
            Arguments.of(MONTHS, CitationStyle.GBT7714,
                "Campus construction photographs[A]. Demo University Archives, 1995-03–1995-05. Reference code: Z006-JJ·1995-Y-0001."),
            Arguments.of(UNDATED, CitationStyle.GBT7714,
                "Student Affairs Office. Alumni letters[A]. Demo University Archives. Reference code: Z003-XS-0001."),
            // Chicago notes
            Arguments.of(LETTER, CitationStyle.CHICAGO_NOTE,
                "President's Office, \"Letter to the Ministry of Education on funding,\" May 12, 1931, Z001-WS·1931-Y-XZB-0002-0002, President's Office Records, Demo University Archives."),
            Arguments.of(REPORT, CitationStyle.CHICAGO_NOTE,
                "Office of Research, \"Annual research report,\" 2010, Z004-KY·2010-D30-KYC-0007, President's Office Records, Demo University Archives."),
            Arguments.of(MONTHS, CitationStyle.CHICAGO_NOTE,
                "\"Campus construction photographs,\" March 1995–May 1995, Z006-JJ·1995-Y-0001, President's Office Records, Demo University Archives."),
            Arguments.of(UNDATED, CitationStyle.CHICAGO_NOTE,
                "Student Affairs Office, \"Alumni letters,\" Z003-XS-0001, President's Office Records, Demo University Archives."),
            Arguments.of(NOTICE, CitationStyle.CHICAGO_NOTE,
                "示范大学教务处, “关于印发《2003年本科教学工作要点》的通知”, 2003-03-05, Z002-WS·2003-Y-JWC-0012, President's Office Records, 示范大学档案馆."),
            Arguments.of(MINGUO, CitationStyle.CHICAGO_NOTE,
                "国立示范大学校长办公室, “呈教育部文（关于经费拨付）”, 1931, Z001-WS·1931-Y-XZB-0002-0001, President's Office Records, 示范大学档案馆."),
            Arguments.of(CIRCA, CitationStyle.CHICAGO_NOTE,
                "“校园全景”, 约1930, I1, President's Office Records, 示范大学档案馆."),
            // Chicago bibliography
            Arguments.of(LETTER, CitationStyle.CHICAGO_BIBLIOGRAPHY,
                "President's Office. \"Letter to the Ministry of Education on funding.\" May 12, 1931. Z001-WS·1931-Y-XZB-0002-0002. President's Office Records. Demo University Archives."),
            Arguments.of(REPORT, CitationStyle.CHICAGO_BIBLIOGRAPHY,
                "Office of Research. \"Annual research report.\" 2010. Z004-KY·2010-D30-KYC-0007. President's Office Records. Demo University Archives."),
            Arguments.of(UNDATED, CitationStyle.CHICAGO_BIBLIOGRAPHY,
                "Student Affairs Office. \"Alumni letters.\" Z003-XS-0001. President's Office Records. Demo University Archives."),
            Arguments.of(PHOTO, CitationStyle.CHICAGO_BIBLIOGRAPHY,
                "王建国. “1987届毕业生合影.” 1987-06. Z007-ZP·1987-Y-0003. President's Office Records. 示范大学档案馆."),
            Arguments.of(RANGE, CitationStyle.CHICAGO_BIBLIOGRAPHY,
                "示范大学校长办公室. “校长办公会议纪要.” 1985–1987. Z001-WS·1985-Y-XZB-0001. President's Office Records. 示范大学档案馆."));
    }

    @ParameterizedTest(name = "{1}: {2}")
    @MethodSource("table")
    void citationMatchesTheHandWrittenForm(Description record, CitationStyle style, String expected) {
        assertThat(Citations.format(record, "President's Office Records", REPO, style)).isEqualTo(expected);
    }

    @Test
    void citingGoesThroughTheAccessPolicy() {
        try (Archive archive = Archive.builder().store(new InMemoryArchiveStore()).build()) {
            Principal admin = Principal.admin("admin");
            archive.putInstitution(admin, REPO);
            archive.create(admin, Description.builder().id(DescriptionId.of("F1")).institution(U).level(Level.FONDS)
                    .title(Title.zh("校长办公室")).build());
            archive.create(admin, MINGUO);
            archive.create(admin, MINGUO.toBuilder().id(DescriptionId.of("I2")).access(Access.of(AccessLevel.CAMPUS))
                    .build());
            assertThat(Citations.of(archive).cite(Principal.anonymous(), DescriptionId.of("I1"),
                    CitationStyle.CHICAGO_NOTE)).contains("“呈教育部文（关于经费拨付）”").contains(", 校长办公室, ");
            assertThatThrownBy(() -> Citations.of(archive).cite(Principal.anonymous(), DescriptionId.of("I2"),
                    CitationStyle.GBT7714)).isInstanceOf(NotFoundException.class);
        }
    }
}
