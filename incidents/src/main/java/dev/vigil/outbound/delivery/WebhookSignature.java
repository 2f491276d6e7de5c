package dev.vigil.outbound.delivery;

import dev.vigil.oncall.webhook.WebhookSubscriptions.SigningSecrets;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The {@code X-Vigil-Signature} header: {@code t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>"
 * under the secret>}, and a second {@code v1=} under the previous secret while a rotation overlaps.
 * A receiver recomputes the HMAC with the secret it was shown, accepts any matching {@code v1}, and
 * refuses a {@code t} too far from its clock (replays).
 */
public final class WebhookSignature {

  public static final String HEADER = "X-Vigil-Signature";

  private WebhookSignature() {}

  public static String header(long unixSeconds, byte[] body, SigningSecrets secrets) {
    StringBuilder header = new StringBuilder("t=").append(unixSeconds);
    header.append(",v1=").append(hmac(secrets.current(), unixSeconds, body));
    if (secrets.previous() != null) {
      header.append(",v1=").append(hmac(secrets.previous(), unixSeconds, body));
    }
    return header.toString();
  }

  public static String hmac(String secret, long unixSeconds, byte[] body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      mac.update((unixSeconds + ".").getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(mac.doFinal(body));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is unavailable", e);
    }
  }
}
