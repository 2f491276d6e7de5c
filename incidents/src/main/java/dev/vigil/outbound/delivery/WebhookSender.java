package dev.vigil.outbound.delivery;

import dev.vigil.oncall.webhook.WebhookTargets;
import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import javax.net.ssl.SSLContext;
import org.apache.hc.client5.http.DnsResolver;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.client5.http.ssl.DefaultClientTlsStrategy;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.apache.hc.core5.util.Timeout;

/**
 * Posts a webhook body to its URL without ever reaching an address the operator has not allowed
 * (docs/decisions/0061), on Apache HttpClient 5. Its {@link DnsResolver} resolves the host once per
 * connection and refuses the whole target when any address it resolves to is not permitted; the
 * client then connects to exactly those addresses (no second lookup a rebinding DNS server could
 * answer differently), while TLS uses the host name for SNI and the certificate check. A host that
 * is a literal address is checked before the request, as the client connects to it without asking
 * the resolver. The client follows no redirect itself: they are followed here, at most {@link
 * #MAX_REDIRECTS}, each hop checked the same way. Only the status and {@code Location} of an answer
 * are read; its body is not.
 */
public class WebhookSender {

  static final int MAX_REDIRECTS = 3;
  private static final Set<Integer> REDIRECTS = Set.of(301, 302, 303, 307, 308);

  /** The receiver's answer. */
  public record Answer(int status, URI finalUrl) {
    public boolean ok() {
      return status >= 200 && status < 300;
    }
  }

  /** The target, or a redirect's, is an address Vigil does not call. */
  public static class RefusedTarget extends Exception {
    RefusedTarget(String message) {
      super(message);
    }
  }

  /** How a host name becomes addresses; the system's DNS outside tests. */
  @FunctionalInterface
  interface Lookup {
    InetAddress[] addresses(String host) throws UnknownHostException;
  }

  /** The resolver's refusal, carried through the client as the lookup failure it is to it. */
  private static final class RefusedAddress extends UnknownHostException {
    RefusedAddress(String message) {
      super(message);
    }
  }

  private final Predicate<InetAddress> permitted;
  private final CloseableHttpClient client;

  public WebhookSender(Predicate<InetAddress> permitted, Duration connect, Duration read) {
    this(permitted, connect, read, InetAddress::getAllByName, systemTls());
  }

  /**
   * With another lookup and the trust of another TLS context (tests: a name for a local receiver,
   * its self-signed certificate). Host names and certificates are verified all the same.
   */
  WebhookSender(
      Predicate<InetAddress> permitted,
      Duration connect,
      Duration read,
      Lookup lookup,
      SSLContext tls) {
    this.permitted = permitted;
    Timeout connectTimeout = Timeout.of(connect);
    Timeout readTimeout = Timeout.of(read);
    this.client =
        HttpClients.custom()
            .setConnectionManager(
                PoolingHttpClientConnectionManagerBuilder.create()
                    .setDnsResolver(new CheckingResolver(lookup))
                    .setTlsSocketStrategy(new DefaultClientTlsStrategy(tls))
                    .setDefaultConnectionConfig(
                        ConnectionConfig.custom()
                            .setConnectTimeout(connectTimeout)
                            .setSocketTimeout(readTimeout)
                            .build())
                    .setMaxConnTotal(50)
                    .setMaxConnPerRoute(10)
                    .build())
            .setDefaultRequestConfig(
                RequestConfig.custom()
                    .setConnectionRequestTimeout(connectTimeout)
                    .setResponseTimeout(readTimeout)
                    .build())
            .disableRedirectHandling()
            .disableAutomaticRetries()
            .disableCookieManagement()
            .disableAuthCaching()
            .setUserAgent("Vigil-Webhooks/1")
            .build();
  }

  /** As the operator configured: internal addresses refused unless allowed. */
  public static WebhookSender forOperator(boolean allowInternalTargets) {
    return new WebhookSender(
        address -> allowInternalTargets || !WebhookTargets.isInternal(address),
        Duration.ofSeconds(5),
        Duration.ofSeconds(10));
  }

  public Answer post(String url, Map<String, String> headers, byte[] body)
      throws RefusedTarget, IOException {
    URI target = URI.create(url.strip());
    for (int hop = 0; ; hop++) {
      String scheme = target.getScheme() == null ? "" : target.getScheme().toLowerCase(Locale.ROOT);
      if (!scheme.equals("http") && !scheme.equals("https")) {
        throw new RefusedTarget("refused " + scheme + " target: only http and https are called");
      }
      if (target.getHost() == null) {
        throw new RefusedTarget("refused a target without a host");
      }
      Optional<InetAddress> literal = WebhookTargets.literal(target.getHost());
      if (literal.isPresent()) {
        checked(target.getHost(), literal.get());
      }
      HttpPost request = new HttpPost(target);
      headers.forEach(request::addHeader);
      request.setEntity(new ByteArrayEntity(body, ContentType.APPLICATION_JSON));
      int status;
      String location;
      try (ClassicHttpResponse response = client.executeOpen(null, request, null)) {
        // Closed unread: a body the receiver sends is not waited for.
        status = response.getCode();
        Header header = response.getFirstHeader("Location");
        location = header == null ? null : header.getValue();
      } catch (RefusedAddress refused) {
        throw new RefusedTarget(refused.getMessage());
      }
      if (!REDIRECTS.contains(status) || location == null) {
        return new Answer(status, target);
      }
      if (hop >= MAX_REDIRECTS) {
        throw new IOException("more than " + MAX_REDIRECTS + " redirects");
      }
      target = target.resolve(location.strip());
    }
  }

  private void checked(String host, InetAddress address) throws RefusedTarget {
    if (!permitted.test(address)) {
      throw new RefusedTarget(refusal(host, address));
    }
  }

  private static String refusal(String host, InetAddress address) {
    return "refused "
        + host
        + ": it resolves to "
        + address.getHostAddress()
        + ", a loopback, private or link-local address (VIGIL_WEBHOOKS_ALLOW_PRIVATE_TARGETS)";
  }

  /** Resolves once; every address must be permitted, or none is used. */
  private final class CheckingResolver implements DnsResolver {

    private final Lookup lookup;

    CheckingResolver(Lookup lookup) {
      this.lookup = lookup;
    }

    @Override
    public InetAddress[] resolve(String host) throws UnknownHostException {
      String bare =
          host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
      InetAddress[] addresses = lookup.addresses(bare);
      if (addresses == null || addresses.length == 0) {
        throw new UnknownHostException(host);
      }
      for (InetAddress address : addresses) {
        if (!permitted.test(address)) {
          throw new RefusedAddress(refusal(host, address));
        }
      }
      return addresses;
    }

    @Override
    public String resolveCanonicalHostname(String host) {
      return host; // asked only for Kerberos, which webhooks do not use
    }
  }

  /** The JVM's own trust (its cacerts, or what {@code javax.net.ssl.trustStore} names). */
  private static SSLContext systemTls() {
    try {
      return SSLContext.getDefault();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("no default TLS context", e);
    }
  }
}
