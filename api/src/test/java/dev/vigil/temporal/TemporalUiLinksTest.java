package dev.vigil.temporal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TemporalUiLinksTest {

  @Test
  void linksToTheRunsHistoryPageWithEachPathSegmentEncoded() {
    TemporalUiLinks links = new TemporalUiLinks("http://localhost:8233/", "team a/prod");

    assertThat(links.workflowRun("incident-7-ab/c d", "0f9e-11"))
        .contains(
            "http://localhost:8233/namespaces/team%20a%2Fprod/workflows/incident-7-ab%2Fc%20d/0f9e-11/history");
  }

  @Test
  void noUiConfiguredMeansNoLink() {
    assertThat(new TemporalUiLinks("", "default").workflowRun("incident-1-ab", "run")).isEmpty();
    assertThat(new TemporalUiLinks(null, "default").workflowRun("incident-1-ab", "run")).isEmpty();
  }
}
