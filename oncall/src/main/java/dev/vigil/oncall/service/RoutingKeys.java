package dev.vigil.oncall.service;

import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * New routing keys: 128 random bits as 32 hex characters, the length PagerDuty's Events API v2
 * clients expect. A key is the only credential of the Events API, so it must not be guessable.
 */
public final class RoutingKeys {

  private static final SecureRandom RANDOM = new SecureRandom();

  private RoutingKeys() {}

  public static String random() {
    byte[] bytes = new byte[16];
    RANDOM.nextBytes(bytes);
    return HexFormat.of().formatHex(bytes);
  }
}
