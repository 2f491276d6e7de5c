package dev.vigil.links;

import dev.vigil.incident.web.IncidentActions.Action;
import dev.vigil.notification.delivery.EmailLinkStore;
import dev.vigil.notification.delivery.EmailLinks;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Signed, expiring acknowledge and resolve links for page emails: {@code
 * {public-url}/links/{token}} where the token is base64url(payload) "."
 * base64url(HMAC-SHA256(vigil.links.secret, payload)), and the payload names the incident, the page
 * (so the responder is its user), the action and the expiry. Without a configured secret, one is
 * generated once and kept in the database.
 */
@Component
public class SignedLinks implements EmailLinks {

  private static final String HMAC = "HmacSHA256";
  private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

  private final byte[] configuredSecret;
  private final EmailLinkStore store;
  private final String publicUrl;
  private final Duration validFor;
  private final Clock clock = Clock.systemUTC();
  private volatile byte[] storedSecret;

  SignedLinks(
      @Value("${vigil.links.secret:}") String secret,
      @Value("${vigil.public-url}") String publicUrl,
      @Value("${vigil.links.valid-for:24h}") Duration validFor,
      EmailLinkStore store) {
    this.configuredSecret = secret.isBlank() ? null : secret.getBytes(StandardCharsets.UTF_8);
    this.store = store;
    this.publicUrl = publicUrl.replaceAll("/+$", "");
    this.validFor = validFor;
  }

  /**
   * The configured secret, else one generated once and kept in PostgreSQL: every replica signs and
   * checks with the same key, and links outlive a restart.
   */
  private byte[] secret() {
    if (configuredSecret != null) {
      return configuredSecret;
    }
    byte[] secret = storedSecret;
    if (secret == null) {
      byte[] candidate = new byte[32];
      new SecureRandom().nextBytes(candidate);
      secret = store.signingSecret(candidate);
      storedSecret = secret;
    }
    return secret;
  }

  @Override
  public List<Link> linksFor(long accountId, long incidentId, long notificationId) {
    Instant expires = clock.instant().plus(validFor);
    Link acknowledge =
        new Link("Acknowledge", url(incidentId, notificationId, Action.ACKNOWLEDGE, expires));
    Link resolve = new Link("Resolve", url(incidentId, notificationId, Action.RESOLVE, expires));
    // The incident's page in the console: it asks for a login, so it needs no signature.
    return store
        .incidentNumber(incidentId)
        .map(
            n ->
                List.of(
                    acknowledge,
                    resolve,
                    new Link("Open in Vigil", publicUrl + "/console/incidents/" + n)))
        .orElse(List.of(acknowledge, resolve));
  }

  String url(long incidentId, long notificationId, Action action, Instant expires) {
    return publicUrl + "/links/" + token(incidentId, notificationId, action, expires);
  }

  String token(long incidentId, long notificationId, Action action, Instant expires) {
    String payload =
        "v1:"
            + incidentId
            + ":"
            + notificationId
            + ":"
            + (action == Action.ACKNOWLEDGE ? "ack" : "resolve")
            + ":"
            + expires.getEpochSecond();
    byte[] bytes = payload.getBytes(StandardCharsets.UTF_8);
    return B64.encodeToString(bytes) + "." + B64.encodeToString(mac(bytes));
  }

  /** What a token says, once its signature is checked; {@code null} when it is not valid. */
  Claim read(String token) {
    int dot = token.indexOf('.');
    if (dot <= 0 || dot != token.lastIndexOf('.')) {
      return null;
    }
    try {
      byte[] payload = Base64.getUrlDecoder().decode(token.substring(0, dot));
      byte[] signature = Base64.getUrlDecoder().decode(token.substring(dot + 1));
      if (!MessageDigest.isEqual(mac(payload), signature)) {
        return null;
      }
      String[] parts = new String(payload, StandardCharsets.UTF_8).split(":");
      if (parts.length != 5 || !parts[0].equals("v1")) {
        return null;
      }
      Action action =
          switch (parts[3]) {
            case "ack" -> Action.ACKNOWLEDGE;
            case "resolve" -> Action.RESOLVE;
            default -> null;
          };
      if (action == null) {
        return null;
      }
      Instant expires = Instant.ofEpochSecond(Long.parseLong(parts[4]));
      return new Claim(
          Long.parseLong(parts[1]),
          Long.parseLong(parts[2]),
          action,
          expires,
          !clock.instant().isBefore(expires));
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  private byte[] mac(byte[] payload) {
    try {
      Mac mac = Mac.getInstance(HMAC);
      mac.init(new SecretKeySpec(secret(), HMAC));
      return mac.doFinal(payload);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  record Claim(
      long incidentId, long notificationId, Action action, Instant expires, boolean expired) {}

  /** The incident and the paged user the link names; the page must belong to the incident. */
  Optional<EmailLinkStore.Target> target(SignedLinks.Claim claim) {
    return store.target(claim.notificationId(), claim.incidentId());
  }
}
