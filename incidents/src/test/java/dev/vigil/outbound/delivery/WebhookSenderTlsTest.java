package dev.vigil.outbound.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsExchange;
import com.sun.net.httpserver.HttpsServer;
import dev.vigil.oncall.webhook.WebhookSubscriptions.SigningSecrets;
import dev.vigil.oncall.webhook.WebhookTargets;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.net.ssl.ExtendedSSLSession;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The sender over TLS, against an HTTPS receiver on loopback with a self-signed certificate made
 * for the test (by the JDK's keytool). The receiver's name, {@code hooks.vigil.test}, exists in no
 * DNS: the sender's lookup here answers 127.0.0.1 for it, so a delivery that arrives went to the
 * address the checking resolver returned, with the name kept for SNI and the certificate check. The
 * sender trusts the test certificate through its TLS context; nothing turns verification off.
 */
class WebhookSenderTlsTest {

  private static final String NAME = "hooks.vigil.test";
  private static final String SECRET = "whsec_test_secret";

  @TempDir Path dir;
  private HttpsServer server;
  private final List<String> received = new CopyOnWriteArrayList<>();

  @AfterEach
  void stop() {
    if (server != null) {
      server.stop(0);
    }
  }

  @Test
  void theSignatureArrivesOverTlsWithTheNameForSniAndTheCertificate() throws Exception {
    KeyStore receiverKey = keyPair(NAME);
    start(receiverKey);
    WebhookSender sender = sender(trusting(receiverKey));
    byte[] body = "{\"event\":{\"id\":\"e1\"}}".getBytes(StandardCharsets.UTF_8);
    long now = 1_790_000_000L;
    String signature = WebhookSignature.header(now, body, new SigningSecrets(SECRET, null));

    WebhookSender.Answer answer =
        sender.post(
            "https://" + NAME + ":" + port() + "/hook",
            Map.of(WebhookSignature.HEADER, signature),
            body);

    assertThat(answer.status()).isEqualTo(200);
    // The receiver saw TLS, the name in SNI, and a signature it can check with the secret.
    assertThat(received).containsExactly("sni=" + NAME + " valid=true signature=" + signature);
  }

  @Test
  void aCertificateForAnotherNameIsRefusedAndNothingIsSent() throws Exception {
    KeyStore otherKey = keyPair("other.vigil.test");
    start(otherKey);
    // Trusted as a certificate, but it names another host.
    WebhookSender sender = sender(trusting(otherKey));

    assertThatThrownBy(
            () -> sender.post("https://" + NAME + ":" + port() + "/hook", Map.of(), new byte[0]))
        .isInstanceOf(SSLException.class);
    assertThat(received).isEmpty();
  }

  @Test
  void anUntrustedCertificateIsRefused() throws Exception {
    start(keyPair(NAME));
    // The JVM's own trust, as in production: a self-signed certificate is not in it.
    WebhookSender sender =
        new WebhookSender(
            address -> address.isLoopbackAddress() || !WebhookTargets.isInternal(address),
            Duration.ofSeconds(2),
            Duration.ofSeconds(5),
            WebhookSenderTlsTest::lookup,
            SSLContext.getDefault());

    assertThatThrownBy(
            () -> sender.post("https://" + NAME + ":" + port() + "/hook", Map.of(), new byte[0]))
        .isInstanceOf(SSLException.class);
    assertThat(received).isEmpty();
  }

  @Test
  void aNameWithOneInternalAddressAmongPublicOnesIsRefusedWhole() throws Exception {
    KeyStore receiverKey = keyPair(NAME);
    start(receiverKey);
    WebhookSender sender = sender(trusting(receiverKey));

    assertThatThrownBy(
            () ->
                sender.post("https://mixed.vigil.test:" + port() + "/hook", Map.of(), new byte[0]))
        .isInstanceOf(WebhookSender.RefusedTarget.class)
        .hasMessageContaining("refused mixed.vigil.test")
        .hasMessageContaining("10.0.0.9");
    assertThat(received).isEmpty();
  }

  /** 127.0.0.1 stands for a public receiver; the other names are the test's own. */
  private static InetAddress[] lookup(String host) throws UnknownHostException {
    return switch (host) {
      case NAME -> new InetAddress[] {InetAddress.getByName("127.0.0.1")};
      case "mixed.vigil.test" ->
          new InetAddress[] {InetAddress.getByName("127.0.0.1"), InetAddress.getByName("10.0.0.9")};
      default -> throw new UnknownHostException(host);
    };
  }

  private WebhookSender sender(SSLContext tls) {
    return new WebhookSender(
        address ->
            address.getHostAddress().equals("127.0.0.1") || !WebhookTargets.isInternal(address),
        Duration.ofSeconds(2),
        Duration.ofSeconds(5),
        WebhookSenderTlsTest::lookup,
        tls);
  }

  private void start(KeyStore key) throws Exception {
    KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    keys.init(key, "changeit".toCharArray());
    SSLContext tls = SSLContext.getInstance("TLS");
    tls.init(keys.getKeyManagers(), null, null);
    server = HttpsServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 0);
    server.setHttpsConfigurator(new HttpsConfigurator(tls));
    server.createContext(
        "/",
        exchange -> {
          exchange.getRequestBody().readAllBytes();
          ExtendedSSLSession session =
              (ExtendedSSLSession) ((HttpsExchange) exchange).getSSLSession();
          String sni =
              session.getRequestedServerNames().stream()
                  .map(name -> ((SNIHostName) name).getAsciiName())
                  .findFirst()
                  .orElse("none");
          String signature = exchange.getRequestHeaders().getFirst(WebhookSignature.HEADER);
          received.add("sni=" + sni + " valid=" + valid(signature) + " signature=" + signature);
          exchange.sendResponseHeaders(200, -1);
          exchange.close();
        });
    server.start();
  }

  /** As a receiver checks it: t and v1 recomputed with the secret it holds. */
  private static boolean valid(String signature) {
    if (signature == null) {
      return false;
    }
    long t = Long.parseLong(signature.substring(2, signature.indexOf(',')));
    String v1 = signature.substring(signature.indexOf("v1=") + 3);
    return v1.equals(
        WebhookSignature.hmac(
            SECRET, t, "{\"event\":{\"id\":\"e1\"}}".getBytes(StandardCharsets.UTF_8)));
  }

  /** A self-signed key pair whose certificate names the host, made by keytool. */
  private KeyStore keyPair(String host) throws Exception {
    Path file = dir.resolve(host + ".p12");
    Process keytool =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair",
                "-alias",
                "receiver",
                "-keyalg",
                "EC",
                "-groupname",
                "secp256r1",
                "-dname",
                "CN=" + host,
                "-ext",
                "SAN=dns:" + host,
                "-validity",
                "2",
                "-storetype",
                "PKCS12",
                "-keystore",
                file.toString(),
                "-storepass",
                "changeit")
            .redirectErrorStream(true)
            .start();
    String output = new String(keytool.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(keytool.waitFor()).as(output).isZero();
    KeyStore store = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(file)) {
      store.load(in, "changeit".toCharArray());
    }
    return store;
  }

  /** A TLS context that trusts exactly this key pair's certificate. */
  private static SSLContext trusting(KeyStore key) throws Exception {
    KeyStore trust = KeyStore.getInstance("PKCS12");
    trust.load(null, null);
    trust.setCertificateEntry("receiver", key.getCertificate("receiver"));
    TrustManagerFactory trustManagers =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    trustManagers.init(trust);
    SSLContext tls = SSLContext.getInstance("TLS");
    tls.init(null, trustManagers.getTrustManagers(), null);
    return tls;
  }

  private int port() {
    return server.getAddress().getPort();
  }
}
