package dev.vigil.incident;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * What makes an incident unique while it is open: one service, one dedup key.
 *
 * <p>The workflow id is derived from it, so signal-with-start on that id can never open two
 * incidents for concurrent duplicates. The dedup key is hashed because it is free text of up to 255
 * characters chosen by the sender.
 */
public record IncidentKey(long accountId, long serviceId, String dedupKey) {

  public String workflowId() {
    return "incident-" + serviceId + "-" + sha256(dedupKey);
  }

  private static String sha256(String value) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest, 0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }
}
