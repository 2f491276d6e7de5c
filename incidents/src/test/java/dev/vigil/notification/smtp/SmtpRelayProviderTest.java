package dev.vigil.notification.smtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import dev.vigil.notification.Channel;
import dev.vigil.notification.delivery.Delivery;
import dev.vigil.notification.delivery.NotificationSettings;
import dev.vigil.notification.delivery.OutboundMessage;
import dev.vigil.notification.delivery.ProviderFailure;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

/** The SMTP provider against a real SMTP server (GreenMail), a stopped one and a silent one. */
class SmtpRelayProviderTest {

  private GreenMail relay;

  @BeforeEach
  void startRelay() {
    relay = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
    relay.start();
  }

  @AfterEach
  void stopRelay() {
    relay.stop();
  }

  @Test
  void deliversTextAndHtmlPartsToTheRecipient() throws Exception {
    Delivery delivery = provider(relay.getSmtp().getPort(), Duration.ofSeconds(5)).deliver(email());

    MimeMessage received = relay.getReceivedMessages()[0];
    assertThat(received.getSubject()).isEqualTo("[Vigil] #7 triggered: Disk full on db-1 ✓");
    assertThat(received.getAllRecipients())
        .extracting(Object::toString)
        .containsExactly("alice@example.com");
    assertThat(received.getFrom())
        .extracting(Object::toString)
        .containsExactly("Vigil <pages@vigil.example.com>");
    MimeMultipart parts = (MimeMultipart) received.getContent();
    assertThat(parts.getContentType()).startsWith("multipart/alternative");
    assertThat(parts.getBodyPart(0).getContentType()).startsWith("text/plain");
    assertThat(parts.getBodyPart(0).getContent()).isEqualTo("Incident #7 is triggered.");
    assertThat(parts.getBodyPart(1).getContentType()).startsWith("text/html");
    assertThat(parts.getBodyPart(1).getContent()).isEqualTo("<p>Incident #7 is triggered.</p>");
    assertThat(received.getHeader("X-Vigil-Notification")).containsExactly("42");
    assertThat(delivery.providerMessageId()).isEqualTo(received.getMessageID());
    assertThat(delivery.providerAccount()).isEqualTo("127.0.0.1:" + relay.getSmtp().getPort());
  }

  @Test
  void aStoppedRelayRefusesAtOnce() {
    int port = relay.getSmtp().getPort();
    relay.stop();
    long start = System.nanoTime();

    assertThatThrownBy(() -> provider(port, Duration.ofSeconds(5)).deliver(email()))
        .isInstanceOfSatisfying(
            ProviderFailure.class,
            f -> {
              assertThat(f.kind()).isEqualTo(ProviderFailure.Kind.UNAVAILABLE);
              assertThat(f.reason()).isEqualTo("connection refused");
            });
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
  }

  @Test
  void aRelayThatNeverAnswersTimesOut() throws Exception {
    // Accepts the connection (the kernel's backlog does) and never says a word.
    try (ServerSocket silent = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      long start = System.nanoTime();

      assertThatThrownBy(
              () -> provider(silent.getLocalPort(), Duration.ofMillis(500)).deliver(email()))
          .isInstanceOfSatisfying(
              ProviderFailure.class,
              f -> {
                assertThat(f.kind()).isEqualTo(ProviderFailure.Kind.UNAVAILABLE);
                assertThat(f.reason()).isEqualTo("timed out");
              });
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
    }
  }

  @Test
  void aMalformedAddressIsTheDestinationsFault() {
    OutboundMessage bad =
        new OutboundMessage(1, 42, 7, Channel.EMAIL, "alice@@example", "s", "t", "<p>t</p>");

    assertThatThrownBy(
            () -> provider(relay.getSmtp().getPort(), Duration.ofSeconds(5)).deliver(bad))
        .isInstanceOfSatisfying(
            ProviderFailure.class,
            f -> assertThat(f.kind()).isEqualTo(ProviderFailure.Kind.INVALID_DESTINATION));
    assertThat(relay.getReceivedMessages()).isEmpty();
  }

  @Test
  void aRelayConfiguredWithAnEmptyLoginDeliversWithoutAuthenticating() throws Exception {
    // How a compose file or a Helm chart hands over "no login": the variables exist, empty.
    NotificationSettings settings =
        bind(
            "VIGIL_NOTIFICATIONS_SMTP_0_HOST", "127.0.0.1",
            "VIGIL_NOTIFICATIONS_SMTP_0_PORT", String.valueOf(relay.getSmtp().getPort()),
            "VIGIL_NOTIFICATIONS_SMTP_0_FROM", "Vigil <pages@vigil.example.com>",
            "VIGIL_NOTIFICATIONS_SMTP_0_USERNAME", "",
            "VIGIL_NOTIFICATIONS_SMTP_0_PASSWORD", "",
            "VIGIL_NOTIFICATIONS_SMTP_0_NAME", "");

    new SmtpRelayProvider(settings.smtp().get(0)).deliver(email());

    assertThat(relay.getReceivedMessages()).hasSize(1);
    assertThat(relay.getReceivedMessages()[0].getAllRecipients())
        .extracting(Object::toString)
        .containsExactly("alice@example.com");
  }

  private static NotificationSettings bind(String... namesAndValues) {
    Map<String, Object> env = new LinkedHashMap<>();
    for (int i = 0; i < namesAndValues.length; i += 2) {
      env.put(namesAndValues[i], namesAndValues[i + 1]);
    }
    SystemEnvironmentPropertySource source =
        new SystemEnvironmentPropertySource(
            "test-" + StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, env);
    return new Binder(ConfigurationPropertySources.from(source))
        .bindOrCreate("vigil.notifications", NotificationSettings.class);
  }

  private static SmtpRelayProvider provider(int port, Duration timeout) {
    return new SmtpRelayProvider(
        new NotificationSettings.Smtp(
            "smtp-test",
            "127.0.0.1",
            port,
            null,
            null,
            "Vigil <pages@vigil.example.com>",
            false,
            false,
            timeout,
            timeout));
  }

  private static OutboundMessage email() {
    return new OutboundMessage(
        1,
        42,
        7,
        Channel.EMAIL,
        "alice@example.com",
        "[Vigil] #7 triggered: Disk full on db-1 ✓",
        "Incident #7 is triggered.",
        "<p>Incident #7 is triggered.</p>");
  }
}
