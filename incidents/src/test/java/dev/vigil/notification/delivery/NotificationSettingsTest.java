package dev.vigil.notification.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

/** Providers configured the way operators do it: environment variables. */
class NotificationSettingsTest {

  @Test
  void environmentVariablesConfigureProvidersInOrder() {
    NotificationSettings settings =
        bind(
            env(
                "VIGIL_NOTIFICATIONS_TWILIO_0_ACCOUNTSID", "AC1",
                "VIGIL_NOTIFICATIONS_TWILIO_0_AUTHTOKEN", "token-1",
                "VIGIL_NOTIFICATIONS_TWILIO_0_FROM", "+15005550006",
                "VIGIL_NOTIFICATIONS_TWILIO_1_NAME", "signalwire",
                "VIGIL_NOTIFICATIONS_TWILIO_1_ACCOUNTSID", "project-2",
                "VIGIL_NOTIFICATIONS_TWILIO_1_AUTHTOKEN", "token-2",
                "VIGIL_NOTIFICATIONS_TWILIO_1_MESSAGINGSERVICESID", "MG2",
                "VIGIL_NOTIFICATIONS_TWILIO_1_APIBASEURL",
                    "https://example.signalwire.com/api/laml",
                "VIGIL_NOTIFICATIONS_SMTP_0_HOST", "smtp.example.com",
                "VIGIL_NOTIFICATIONS_SMTP_0_FROM", "pages@example.com",
                "VIGIL_NOTIFICATIONS_SMTP_0_READTIMEOUT", "2s"));

    assertThat(settings.twilio())
        .extracting(NotificationSettings.Twilio::name)
        .containsExactly("twilio-1", "signalwire");
    assertThat(settings.twilio().get(1).apiBaseUrl())
        .isEqualTo(URI.create("https://example.signalwire.com/api/laml"));
    assertThat(settings.twilio().get(0).readTimeout()).isEqualTo(Duration.ofSeconds(5));
    NotificationSettings.Smtp relay = settings.smtp().get(0);
    assertThat(relay.name()).isEqualTo("smtp-1");
    assertThat(relay.port()).isEqualTo(587);
    assertThat(relay.readTimeout()).isEqualTo(Duration.ofSeconds(2));
  }

  @Test
  void nothingConfiguredMeansNoProviders() {
    NotificationSettings settings = bind(env());

    assertThat(settings.twilio()).isEmpty();
    assertThat(settings.smtp()).isEmpty();
  }

  @Test
  void anEmptySettingIsAnUnsetOne() {
    NotificationSettings settings =
        bind(
            env(
                "VIGIL_NOTIFICATIONS_TWILIO_0_NAME", "",
                "VIGIL_NOTIFICATIONS_TWILIO_0_ACCOUNTSID", "AC1",
                "VIGIL_NOTIFICATIONS_TWILIO_0_AUTHTOKEN", "token-1",
                "VIGIL_NOTIFICATIONS_TWILIO_0_FROM", "+15005550006",
                "VIGIL_NOTIFICATIONS_TWILIO_0_MESSAGINGSERVICESID", "",
                "VIGIL_NOTIFICATIONS_TWILIO_0_APIBASEURL", "",
                "VIGIL_NOTIFICATIONS_TWILIO_0_CONNECTTIMEOUT", "",
                "VIGIL_NOTIFICATIONS_SMTP_0_NAME", "",
                "VIGIL_NOTIFICATIONS_SMTP_0_HOST", "smtp.example.com",
                "VIGIL_NOTIFICATIONS_SMTP_0_PORT", "",
                "VIGIL_NOTIFICATIONS_SMTP_0_USERNAME", "",
                "VIGIL_NOTIFICATIONS_SMTP_0_PASSWORD", "",
                "VIGIL_NOTIFICATIONS_SMTP_0_FROM", "pages@example.com",
                "VIGIL_NOTIFICATIONS_SMTP_0_STARTTLS", "",
                "VIGIL_NOTIFICATIONS_SMTP_0_SSL", "",
                "VIGIL_NOTIFICATIONS_SMTP_0_READTIMEOUT", ""));

    NotificationSettings.Twilio account = settings.twilio().get(0);
    assertThat(account.name()).isEqualTo("twilio-1");
    assertThat(account.messagingServiceSid()).isNull();
    assertThat(account.apiBaseUrl()).isNull();
    assertThat(account.connectTimeout()).isEqualTo(Duration.ofSeconds(5));
    NotificationSettings.Smtp relay = settings.smtp().get(0);
    assertThat(relay.name()).isEqualTo("smtp-1");
    assertThat(relay.port()).isEqualTo(587);
    assertThat(relay.username()).isNull();
    assertThat(relay.password()).isNull();
    assertThat(relay.starttls()).isFalse();
    assertThat(relay.ssl()).isFalse();
    assertThat(relay.readTimeout()).isEqualTo(Duration.ofSeconds(5));
  }

  @Test
  void anEmptyRequiredSettingIsMissing() {
    assertThatThrownBy(
            () ->
                bind(
                    env(
                        "VIGIL_NOTIFICATIONS_SMTP_0_HOST", "smtp.example.com",
                        "VIGIL_NOTIFICATIONS_SMTP_0_FROM", "")))
        .hasRootCauseMessage("vigil.notifications provider smtp-1: from is required");
  }

  @Test
  void secretsNeverShowInToString() {
    NotificationSettings settings =
        bind(
            env(
                "VIGIL_NOTIFICATIONS_TWILIO_0_ACCOUNTSID", "AC1",
                "VIGIL_NOTIFICATIONS_TWILIO_0_AUTHTOKEN", "very-secret-token",
                "VIGIL_NOTIFICATIONS_TWILIO_0_FROM", "+15005550006",
                "VIGIL_NOTIFICATIONS_SMTP_0_HOST", "smtp.example.com",
                "VIGIL_NOTIFICATIONS_SMTP_0_FROM", "pages@example.com",
                "VIGIL_NOTIFICATIONS_SMTP_0_USERNAME", "vigil",
                "VIGIL_NOTIFICATIONS_SMTP_0_PASSWORD", "very-secret-password"));

    assertThat(settings.toString())
        .contains("AC1", "smtp.example.com", "******")
        .doesNotContain("very-secret-token", "very-secret-password");
  }

  @Test
  void anIncompleteEntryFailsTheStartNamingWhatIsMissing() {
    assertThatThrownBy(
            () ->
                bind(
                    env(
                        "VIGIL_NOTIFICATIONS_TWILIO_0_ACCOUNTSID", "AC1",
                        "VIGIL_NOTIFICATIONS_TWILIO_0_FROM", "+15005550006")))
        .hasRootCauseMessage("vigil.notifications provider twilio-1: auth-token is required");
    assertThatThrownBy(
            () ->
                bind(
                    env(
                        "VIGIL_NOTIFICATIONS_SMTP_0_NAME", "relay",
                        "VIGIL_NOTIFICATIONS_SMTP_0_HOST", "a",
                        "VIGIL_NOTIFICATIONS_SMTP_0_FROM", "p@example.com",
                        "VIGIL_NOTIFICATIONS_SMTP_1_NAME", "relay",
                        "VIGIL_NOTIFICATIONS_SMTP_1_HOST", "b",
                        "VIGIL_NOTIFICATIONS_SMTP_1_FROM", "p@example.com")))
        .hasRootCauseMessage("vigil.notifications: provider name \"relay\" is used twice");
  }

  private static Map<String, Object> env(String... namesAndValues) {
    Map<String, Object> env = new java.util.LinkedHashMap<>();
    for (int i = 0; i < namesAndValues.length; i += 2) {
      env.put(namesAndValues[i], namesAndValues[i + 1]);
    }
    return env;
  }

  private static NotificationSettings bind(Map<String, Object> environment) {
    // Named like the process environment, so Spring reads the names as it reads real ones.
    SystemEnvironmentPropertySource source =
        new SystemEnvironmentPropertySource(
            "test-" + StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, environment);
    return new Binder(ConfigurationPropertySources.from(source))
        .bindOrCreate("vigil.notifications", NotificationSettings.class);
  }
}
