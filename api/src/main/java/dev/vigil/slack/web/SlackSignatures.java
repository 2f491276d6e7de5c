package dev.vigil.slack.web;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Slack's request signatures: {@code X-Slack-Signature} is {@code v0=} and the hex HMAC-SHA256,
 * under the app's signing secret, of {@code v0:{X-Slack-Request-Timestamp}:{raw body}}. A request
 * more than five minutes from now is refused, so a recorded one cannot be replayed.
 */
final class SlackSignatures {

  static final Duration TOLERANCE = Duration.ofMinutes(5);

  private SlackSignatures() {}

  static boolean fresh(String timestamp, Instant now) {
    try {
      long seconds = Long.parseLong(timestamp.trim());
      return Math.abs(now.getEpochSecond() - seconds) <= TOLERANCE.toSeconds();
    } catch (NumberFormatException | NullPointerException e) {
      return false;
    }
  }

  static String sign(String signingSecret, String timestamp, byte[] body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(signingSecret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      mac.update(("v0:" + timestamp + ":").getBytes(StandardCharsets.UTF_8));
      return "v0=" + HexFormat.of().formatHex(mac.doFinal(body));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 unavailable", e);
    }
  }

  /** Compared in constant time. */
  static boolean valid(String signingSecret, String timestamp, byte[] body, String signature) {
    if (signature == null || timestamp == null) {
      return false;
    }
    byte[] expected = sign(signingSecret, timestamp, body).getBytes(StandardCharsets.UTF_8);
    return MessageDigest.isEqual(expected, signature.trim().getBytes(StandardCharsets.UTF_8));
  }
}
