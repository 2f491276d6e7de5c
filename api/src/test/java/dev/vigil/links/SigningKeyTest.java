package dev.vigil.links;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.incident.web.IncidentActions.Action;
import dev.vigil.notification.delivery.EmailLinkStore;
import dev.vigil.support.AppTestBase;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * Without a configured secret, the key that signs email links is made once and kept in the
 * database: a link sent before a restart, or by another replica, still works.
 */
class SigningKeyTest extends AppTestBase {

  @Test
  void aLinkSignedByOneInstanceIsValidOnAnother() {
    SignedLinks before =
        new SignedLinks("", "http://vigil.example", Duration.ofHours(1), new EmailLinkStore(jdbc));
    SignedLinks after =
        new SignedLinks("", "http://vigil.example", Duration.ofHours(1), new EmailLinkStore(jdbc));
    String token = before.token(41, 42, Action.ACKNOWLEDGE, Instant.now().plusSeconds(600));

    assertThat(after.read(token)).isNotNull();
    assertThat(
            new SignedLinks(
                    "another key",
                    "http://vigil.example",
                    Duration.ofHours(1),
                    new EmailLinkStore(jdbc))
                .read(token))
        .isNull();
  }
}
