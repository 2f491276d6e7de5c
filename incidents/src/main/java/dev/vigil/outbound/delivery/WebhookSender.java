package dev.vigil.outbound.delivery;

import dev.vigil.oncall.webhook.WebhookTargets;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;

/**
 * Posts a webhook body to its URL without ever reaching an address the operator has not allowed
 * (docs/decisions/0061). The host is resolved once per hop; every address it resolves to must be
 * permitted; the connection goes to that checked address (no second lookup a rebinding DNS server
 * could answer differently), with the name kept for the {@code Host} header, SNI and the
 * certificate check. Redirects are followed by hand, at most {@link #MAX_REDIRECTS}, each target
 * checked the same way. HTTP/1.1 with {@code Connection: close}: only the status line and headers
 * of the answer are read.
 */
public class WebhookSender {

  static final int MAX_REDIRECTS = 3;
  private static final Set<Integer> REDIRECTS = Set.of(301, 302, 303, 307, 308);
  private static final int MAX_HEADER_BYTES = 64 * 1024;

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

  private final Predicate<InetAddress> permitted;
  private final int connectTimeoutMillis;
  private final int readTimeoutMillis;

  public WebhookSender(Predicate<InetAddress> permitted, Duration connect, Duration read) {
    this.permitted = permitted;
    this.connectTimeoutMillis = (int) connect.toMillis();
    this.readTimeoutMillis = (int) read.toMillis();
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
      InetAddress address = checked(target.getHost());
      Head head = exchange(address, target, scheme.equals("https"), headers, body);
      if (!REDIRECTS.contains(head.status()) || head.location() == null) {
        return new Answer(head.status(), target);
      }
      if (hop >= MAX_REDIRECTS) {
        throw new IOException("more than " + MAX_REDIRECTS + " redirects");
      }
      target = target.resolve(head.location().strip());
    }
  }

  /** Resolves the host once; every address must be permitted; the first is the one to call. */
  private InetAddress checked(String host) throws RefusedTarget, UnknownHostException {
    String bare =
        host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    InetAddress[] addresses = InetAddress.getAllByName(bare);
    for (InetAddress address : addresses) {
      if (!permitted.test(address)) {
        throw new RefusedTarget(
            "refused "
                + host
                + ": it resolves to "
                + address.getHostAddress()
                + ", a loopback, private or link-local address (VIGIL_WEBHOOKS_ALLOW_PRIVATE_TARGETS)");
      }
    }
    return addresses[0];
  }

  private record Head(int status, String location) {}

  private Head exchange(
      InetAddress address, URI target, boolean tls, Map<String, String> headers, byte[] body)
      throws IOException {
    int port = target.getPort() != -1 ? target.getPort() : tls ? 443 : 80;
    String host = target.getHost();
    String bare =
        host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    Socket plain = new Socket();
    try {
      plain.connect(new InetSocketAddress(address, port), connectTimeoutMillis);
      plain.setSoTimeout(readTimeoutMillis);
      Socket socket = tls ? tls(plain, bare, port) : plain;
      String path =
          target.getRawPath() == null || target.getRawPath().isEmpty() ? "/" : target.getRawPath();
      if (target.getRawQuery() != null) {
        path += "?" + target.getRawQuery();
      }
      boolean defaultPort = target.getPort() == -1;
      StringBuilder request = new StringBuilder();
      request.append("POST ").append(path).append(" HTTP/1.1\r\n");
      request.append("Host: ").append(host).append(defaultPort ? "" : ":" + port).append("\r\n");
      request.append("Content-Type: application/json\r\n");
      request.append("Content-Length: ").append(body.length).append("\r\n");
      request.append("Connection: close\r\n");
      request.append("User-Agent: Vigil-Webhooks/1\r\n");
      for (Map.Entry<String, String> header : headers.entrySet()) {
        request.append(header.getKey()).append(": ").append(header.getValue()).append("\r\n");
      }
      request.append("\r\n");
      OutputStream out = socket.getOutputStream();
      out.write(request.toString().getBytes(StandardCharsets.US_ASCII));
      out.write(body);
      out.flush();
      return readHead(new BufferedInputStream(socket.getInputStream()));
    } finally {
      plain.close();
    }
  }

  private static Socket tls(Socket plain, String host, int port) throws IOException {
    SSLSocket socket =
        (SSLSocket)
            ((SSLSocketFactory) SSLSocketFactory.getDefault())
                .createSocket(plain, host, port, true);
    SSLParameters parameters = socket.getSSLParameters();
    parameters.setEndpointIdentificationAlgorithm("HTTPS");
    if (!host.contains(":") && !host.matches("[0-9.]+")) {
      parameters.setServerNames(List.of(new SNIHostName(host)));
    }
    socket.setSSLParameters(parameters);
    socket.startHandshake();
    return socket;
  }

  private static Head readHead(InputStream in) throws IOException {
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    Integer status = null;
    String location = null;
    int total = 0;
    while (true) {
      int b = in.read();
      if (b == -1) {
        if (status == null) {
          throw new IOException("the receiver closed the connection without an answer");
        }
        return new Head(status, location);
      }
      if (++total > MAX_HEADER_BYTES) {
        throw new IOException("the receiver's answer headers are too long");
      }
      if (b != '\n') {
        line.write(b);
        continue;
      }
      String text = line.toString(StandardCharsets.ISO_8859_1).strip();
      line.reset();
      if (status == null) {
        String[] parts = text.split(" ", 3);
        if (parts.length < 2 || !parts[0].startsWith("HTTP/")) {
          throw new IOException("the receiver did not answer HTTP");
        }
        try {
          status = Integer.parseInt(parts[1]);
        } catch (NumberFormatException e) {
          throw new IOException("the receiver answered a malformed status line");
        }
      } else if (text.isEmpty()) {
        if (status >= 100 && status < 200) {
          status = null; // an interim answer (100 Continue): the real one follows
          continue;
        }
        return new Head(status, location);
      } else {
        int colon = text.indexOf(':');
        if (colon > 0 && text.substring(0, colon).trim().equalsIgnoreCase("location")) {
          location = text.substring(colon + 1).trim();
        }
      }
    }
  }
}
