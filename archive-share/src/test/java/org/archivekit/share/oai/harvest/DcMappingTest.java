package org.archivekit.share.oai.harvest;

import static org.assertj.core.api.Assertions.assertThat;

import org.archivekit.core.model.DescriptionId;
import org.archivekit.core.model.InstitutionCode;
import org.junit.jupiter.api.Test;

final class DcMappingTest {
    private static final InstitutionCode MUSEUM = InstitutionCode.of("MUSEUM");

    @Test
    void anIdentifierInTheIdFormIsKeptAsIs() {
        assertThat(DcMapping.recordId(MUSEUM, "oai:arXiv.org:cs.0112017"))
                .isEqualTo(DescriptionId.of("MUSEUM:oai:arXiv.org:cs.0112017"));
    }

    @Test
    void identifiersThatDifferOnlyInRefusedCharactersGetDistinctIds() {
        DescriptionId slash = DcMapping.recordId(MUSEUM, "oai:arXiv.org:hep-th/9901001");
        DescriptionId dash = DcMapping.recordId(MUSEUM, "oai:arXiv.org:hep-th-9901001");
        assertThat(slash.value()).startsWith("MUSEUM:oai:arXiv.org:hep-th-9901001-").hasSize(
                "MUSEUM:oai:arXiv.org:hep-th-9901001-".length() + 12);
        assertThat(dash.value()).isEqualTo("MUSEUM:oai:arXiv.org:hep-th-9901001");
        assertThat(slash).isNotEqualTo(dash);
        assertThat(DcMapping.recordId(MUSEUM, "oai:arXiv.org:hep-th/9901001")).isEqualTo(slash); // stable
    }

    @Test
    void longAndNonAsciiIdentifiersAreShortenedWithAHash() {
        String longId = "oai:example.org:" + "x".repeat(300);
        DescriptionId a = DcMapping.recordId(MUSEUM, longId);
        DescriptionId b = DcMapping.recordId(MUSEUM, longId + "y");
        assertThat(a.value()).hasSize(128);
        assertThat(a).isNotEqualTo(b);
        assertThat(DcMapping.recordId(MUSEUM, "oai:北大:档案/1").value())
                .matches("MUSEUM:oai:--:---1-[0-9a-f]{12}");
    }

    @Test
    void readsDatesWithTimesAndArchivesSpaceRangesKeepingTheExpression() {
        assertThat(DcMapping.date("2002-05-01T14:16:12Z").expression()).isEqualTo("2002-05-01T14:16:12Z");
        assertThat(DcMapping.date("2002-05-01T14:16:12Z").begin()).hasToString("2002-05-01");
        assertThat(DcMapping.date("2012-06-01 -- 2016-06-01").end()).hasToString("2016-06-01");
        assertThat(DcMapping.date("in the spring")).isNull();
    }

    @Test
    void stateKeysSeparateFormatsAndSets() {
        assertThat(OaiHarvester.stateKey("oai_dc", null)).isEqualTo("oai.last.oai_dc");
        assertThat(OaiHarvester.stateKey("oai_dc", "music:(elec)")).matches("oai\\.last\\.oai_dc\\.set-[0-9a-f]{12}");
        assertThat(OaiHarvester.stateKey("oai_dc", "a")).isNotEqualTo(OaiHarvester.stateKey("oai_dc", "b"));
        assertThat(OaiHarvester.stateKey("odd(prefix)", null)).matches("oai\\.last\\.p[0-9a-f]{12}");
    }
}
