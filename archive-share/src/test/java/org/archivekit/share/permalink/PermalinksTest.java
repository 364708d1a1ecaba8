package org.archivekit.share.permalink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.stream.Stream;
import org.archivekit.core.model.Description;
import org.archivekit.core.model.DescriptionId;
import org.archivekit.core.sample.SampleArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

final class PermalinksTest {
    static final String BY_INSTITUTION = "https://archives.example.edu/{institution}/records/{id}";
    static final String WITH_REF = "https://archives.example.edu/r/{id}/{ref}";

    @ParameterizedTest
    @ValueSource(strings = {BY_INSTITUTION, WITH_REF})
    void everySampleRecordRoundTrips(String pattern) {
        Permalinks links = Permalinks.of(pattern);
        try (Stream<Description> records = SampleArchive.builder().items(300).seed(5).build().stream()) {
            records.forEach(d -> assertThat(links.resolve(links.permalink(d).toString())).contains(d.id()));
        }
    }

    @Test
    void linksAreHumanReadable() {
        Description d = SampleArchive.builder().items(100).seed(1).build().stream().filter(x -> x.referenceCode()
                != null && x.referenceCode().value().contains("·")).findFirst().orElseThrow();
        assertThat(Permalinks.of(BY_INSTITUTION).permalink(d).toString())
                .isEqualTo("https://archives.example.edu/CN-DEMO-U/records/" + d.id());
        assertThat(Permalinks.of(WITH_REF).permalink(d).toString()).contains("%C2%B7");
    }

    @Test
    void foreignAndMalformedUrlsResolveToNothing() {
        Permalinks links = Permalinks.of(BY_INSTITUTION);
        assertThat(links.resolve("https://archives.example.edu/CN-DEMO-U/records/Z001")).contains(DescriptionId.of("Z001"));
        assertThat(links.resolve("https://evil.example.com/CN-DEMO-U/records/Z001")).isEmpty();
        assertThat(links.resolve("https://archives.example.edu/CN-DEMO-U/records/../etc")).isEmpty();
        assertThat(links.resolve("https://archives.example.edu/CN-DEMO-U/records/Z001?x=1")).isEmpty();
        assertThat(links.resolve("https://archives.example.edu/CN-DEMO-U/records/")).isEmpty();
    }

    @Test
    void patternsMustBeReversibleAbsoluteUrls() {
        assertThatThrownBy(() -> Permalinks.of("https://a.example/{institution}")).hasMessageContaining("{id}");
        assertThatThrownBy(() -> Permalinks.of("/records/{id}")).hasMessageContaining("absolute");
        assertThatThrownBy(() -> Permalinks.of("https://a.example/{id}/{id}")).hasMessageContaining("twice");
    }
}
