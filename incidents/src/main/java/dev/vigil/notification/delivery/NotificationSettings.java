package dev.vigil.notification.delivery;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.BiFunction;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The real providers, per kind in order of preference: {@code vigil.notifications.twilio[0..n]}
 * (SMS and voice), {@code vigil.notifications.smtp[0..n]} (email). As environment variables: {@code
 * VIGIL_NOTIFICATIONS_TWILIO_0_ACCOUNTSID}, {@code VIGIL_NOTIFICATIONS_SMTP_1_HOST}, ... A channel
 * with none configured goes to the dev inbox when that is enabled.
 */
@ConfigurationProperties("vigil.notifications")
public record NotificationSettings(List<Twilio> twilio, List<Smtp> smtp) {

  static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(5);

  public NotificationSettings {
    twilio = named(twilio, "twilio", Twilio::withName);
    smtp = named(smtp, "smtp", Smtp::withName);
    Set<String> names = new HashSet<>();
    for (String name :
        java.util.stream.Stream.concat(
                twilio.stream().map(Twilio::name), smtp.stream().map(Smtp::name))
            .toList()) {
      if (!names.add(name)) {
        throw new IllegalArgumentException(
            "vigil.notifications: provider name \"" + name + "\" is used twice");
      }
    }
  }

  /** An unnamed entry is called after its kind and position: twilio-1, twilio-2, smtp-1. */
  private static <T> List<T> named(
      List<T> entries, String kind, BiFunction<T, String, T> withDefaultName) {
    if (entries == null) {
      return List.of();
    }
    List<T> result = new ArrayList<>();
    for (int i = 0; i < entries.size(); i++) {
      result.add(withDefaultName.apply(entries.get(i), kind + "-" + (i + 1)));
    }
    return List.copyOf(result);
  }

  /**
   * One Twilio account (or region, or Twilio-compatible vendor through {@code apiBaseUrl}).
   *
   * @param from the sending number (E.164); needed for voice
   * @param messagingServiceSid sends SMS through a Messaging Service instead of (or with) from
   * @param apiBaseUrl where the REST API is, e.g. {@code https://example.signalwire.com/api/laml};
   *     unset: Twilio itself
   */
  public record Twilio(
      String name,
      String accountSid,
      String authToken,
      String from,
      String messagingServiceSid,
      URI apiBaseUrl,
      Duration connectTimeout,
      Duration readTimeout) {

    public Twilio {
      name = unsetIfBlank(name);
      accountSid = unsetIfBlank(accountSid);
      authToken = unsetIfBlank(authToken);
      from = unsetIfBlank(from);
      messagingServiceSid = unsetIfBlank(messagingServiceSid);
      apiBaseUrl = apiBaseUrl == null || apiBaseUrl.toString().isBlank() ? null : apiBaseUrl;
      connectTimeout = connectTimeout == null ? DEFAULT_TIMEOUT : connectTimeout;
      readTimeout = readTimeout == null ? DEFAULT_TIMEOUT : readTimeout;
    }

    Twilio withName(String defaultName) {
      String label = name == null || name.isBlank() ? defaultName : name;
      require(accountSid, label, "account-sid");
      require(authToken, label, "auth-token");
      if (blank(from) && blank(messagingServiceSid)) {
        throw new IllegalArgumentException(
            "vigil.notifications twilio provider " + label + ": set from or messaging-service-sid");
      }
      return new Twilio(
          label,
          accountSid,
          authToken,
          from,
          messagingServiceSid,
          apiBaseUrl,
          connectTimeout,
          readTimeout);
    }

    /** Never the auth token. */
    @Override
    public String toString() {
      return "Twilio[name=%s, accountSid=%s, authToken=%s, from=%s, messagingServiceSid=%s, apiBaseUrl=%s]"
          .formatted(name, accountSid, mask(authToken), from, messagingServiceSid, apiBaseUrl);
    }
  }

  /** One SMTP relay. */
  public record Smtp(
      String name,
      String host,
      Integer port,
      String username,
      String password,
      String from,
      Boolean starttls,
      Boolean ssl,
      Duration connectTimeout,
      Duration readTimeout) {

    public Smtp {
      name = unsetIfBlank(name);
      host = unsetIfBlank(host);
      username = unsetIfBlank(username);
      password = unsetIfBlank(password);
      from = unsetIfBlank(from);
      starttls = Boolean.TRUE.equals(starttls);
      ssl = Boolean.TRUE.equals(ssl);
      port = port == null ? (ssl ? 465 : 587) : port;
      connectTimeout = connectTimeout == null ? DEFAULT_TIMEOUT : connectTimeout;
      readTimeout = readTimeout == null ? DEFAULT_TIMEOUT : readTimeout;
    }

    Smtp withName(String defaultName) {
      String label = name == null || name.isBlank() ? defaultName : name;
      require(host, label, "host");
      require(from, label, "from");
      return new Smtp(
          label, host, port, username, password, from, starttls, ssl, connectTimeout, readTimeout);
    }

    /** Never the password. */
    @Override
    public String toString() {
      return "Smtp[name=%s, host=%s, port=%d, username=%s, password=%s, from=%s, starttls=%s, ssl=%s]"
          .formatted(name, host, port, username, mask(password), from, starttls, ssl);
    }
  }

  /**
   * An empty setting is an unset one: deployment tools hand over "no value" as a variable that
   * exists but is empty, and an empty username must not switch SMTP AUTH on.
   */
  private static String unsetIfBlank(String value) {
    return blank(value) ? null : value;
  }

  private static void require(String value, String provider, String property) {
    if (blank(value)) {
      throw new IllegalArgumentException(
          "vigil.notifications provider " + provider + ": " + property + " is required");
    }
  }

  private static boolean blank(String value) {
    return value == null || value.isBlank();
  }

  static String mask(String secret) {
    return secret == null || secret.isEmpty() ? "(unset)" : "******";
  }
}
