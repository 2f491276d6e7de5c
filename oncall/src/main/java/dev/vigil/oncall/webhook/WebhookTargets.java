package dev.vigil.oncall.webhook;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Optional;

/**
 * Which webhook targets Vigil refuses to call (docs/decisions/0061): loopback, private, link-local,
 * unique-local, carrier-grade NAT, multicast and unspecified addresses, in IPv4 and IPv6
 * (IPv4-mapped, -compatible, NAT64 and 6to4 IPv6 addresses count as their IPv4 address). One rule
 * for the check at creation (a literal address in the URL) and at delivery (every resolved
 * address).
 */
public final class WebhookTargets {

  private WebhookTargets() {}

  /** True when Vigil must not connect to this address unless the operator allows it. */
  public static boolean isInternal(InetAddress address) {
    if (address instanceof Inet6Address v6) {
      byte[] b = v6.getAddress();
      if (embedsIpv4(b) || nat64(b)) {
        return isInternal(ipv4(b[12], b[13], b[14], b[15]));
      }
      if ((b[0] & 0xff) == 0x20 && (b[1] & 0xff) == 0x02) { // 6to4: 2002:<ipv4>::/48
        return isInternal(ipv4(b[2], b[3], b[4], b[5]));
      }
      // fc00::/7 unique-local; fec0::/10 the old site-local (isSiteLocalAddress)
      if ((b[0] & 0xfe) == 0xfc) {
        return true;
      }
    }
    if (address instanceof Inet4Address) {
      byte[] b = address.getAddress();
      int first = b[0] & 0xff;
      int second = b[1] & 0xff;
      if (first == 0 // "this network"
          || (first == 100 && second >= 64 && second < 128) // carrier-grade NAT
          || (first == 192 && second == 0 && (b[2] & 0xff) == 0) // IETF protocol assignments
          || (first == 198 && (second == 18 || second == 19)) // benchmarking
          || first >= 240) { // reserved and broadcast
        return true;
      }
    }
    return address.isAnyLocalAddress()
        || address.isLoopbackAddress()
        || address.isLinkLocalAddress()
        || address.isSiteLocalAddress()
        || address.isMulticastAddress();
  }

  /**
   * The problem with a webhook URL as typed, naming {@code url}; empty when it is an absolute http
   * or https URL whose host is a name or a public address. A name is checked at delivery, after it
   * is resolved.
   */
  public static Optional<String> problem(String url, boolean allowInternal) {
    URI uri;
    try {
      uri = new URI(url.strip());
    } catch (Exception e) {
      return Optional.of("'url' is not a valid URL");
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase();
    if (!scheme.equals("http") && !scheme.equals("https")) {
      return Optional.of("'url' must be an http or https URL");
    }
    if (uri.getHost() == null || uri.getHost().isBlank()) {
      return Optional.of("'url' must name a host");
    }
    if (uri.getUserInfo() != null) {
      return Optional.of("'url' must not carry a user name or password");
    }
    if (allowInternal) {
      return Optional.empty();
    }
    return literal(uri.getHost())
        .filter(WebhookTargets::isInternal)
        .map(
            address ->
                "'url' points at a loopback, private or link-local address ("
                    + address.getHostAddress()
                    + "), which this Vigil does not call");
  }

  /** The address a host names literally (an IPv4 dotted quad or a bracketed IPv6), if it does. */
  public static Optional<InetAddress> literal(String host) {
    String bare =
        host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    boolean v4 = bare.matches("[0-9.]+");
    boolean v6 = bare.contains(":") && bare.matches("[0-9a-fA-F:.%a-zA-Z]+");
    if (!v4 && !v6) {
      return Optional.empty();
    }
    try {
      // A literal is parsed, never looked up.
      return Optional.of(InetAddress.getByName(bare));
    } catch (UnknownHostException e) {
      return Optional.empty();
    }
  }

  /** The well-known NAT64 prefix 64:ff9b::/96: a NAT64 gateway connects to the IPv4 in it. */
  private static boolean nat64(byte[] b) {
    if (b[0] != 0 || (b[1] & 0xff) != 0x64 || (b[2] & 0xff) != 0xff || (b[3] & 0xff) != 0x9b) {
      return false;
    }
    for (int i = 4; i < 12; i++) {
      if (b[i] != 0) {
        return false;
      }
    }
    return true;
  }

  private static InetAddress ipv4(byte a, byte b, byte c, byte d) {
    try {
      return InetAddress.getByAddress(new byte[] {a, b, c, d});
    } catch (UnknownHostException impossible) {
      throw new IllegalStateException(impossible);
    }
  }

  private static boolean embedsIpv4(byte[] b) {
    for (int i = 0; i < 10; i++) {
      if (b[i] != 0) {
        return false;
      }
    }
    boolean mapped = (b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff;
    boolean compatible = b[10] == 0 && b[11] == 0 && !(b[12] == 0 && b[13] == 0 && b[14] == 0);
    return mapped || compatible;
  }
}
