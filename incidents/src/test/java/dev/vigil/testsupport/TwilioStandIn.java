package dev.vigil.testsupport;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A local stand-in for Twilio's REST API (WireMock) on a fixed port, so it can be stopped to refuse
 * connections and started again. It answers like Twilio (201 with the resource, errors as {@code
 * {code, message, more_info, status}}), records what the real SDK sent, and checks each request
 * against Twilio's OpenAPI description ({@link TwilioContract}).
 */
public final class TwilioStandIn {

  public static final String MESSAGES = "/2010-04-01/Accounts/[^/]+/Messages.json";
  public static final String CALLS = "/2010-04-01/Accounts/[^/]+/Calls.json";

  private final int port;
  private final String prefix;
  private WireMockServer server;

  /**
   * @param prefix a path before Twilio's (a vendor's compatibility API, e.g. "/api/laml"), or ""
   */
  public TwilioStandIn(String prefix) {
    this.port = freePort();
    this.prefix = prefix;
    start();
  }

  public TwilioStandIn() {
    this("");
  }

  /** What a provider entry's api-base-url is set to. */
  public URI baseUrl() {
    return URI.create("http://127.0.0.1:" + port + prefix);
  }

  public void start() {
    server = new WireMockServer(options().port(port).bindAddress("127.0.0.1"));
    server.start();
    accepts();
  }

  /** Connections to the port are refused from now on. */
  public void stop() {
    server.stop();
  }

  /** Forgets requests; answers as Twilio does when it takes a message or a call. */
  public void accepts() {
    server.resetAll();
    server.stubFor(
        post(urlPathMatching(prefix + MESSAGES))
            .willReturn(
                json(
                    201,
                    """
                    {"sid": "SM{{randomValue length=32 type='ALPHANUMERIC'}}", "status": "queued",
                     "num_segments": "1", "direction": "outbound-api",
                     "account_sid": "{{request.pathSegments.[%d]}}"}"""
                        .formatted(accountSegment()))));
    server.stubFor(
        post(urlPathMatching(prefix + CALLS))
            .willReturn(
                json(
                    201,
                    """
                    {"sid": "CA{{randomValue length=32 type='ALPHANUMERIC'}}", "status": "queued",
                     "direction": "outbound-api", "account_sid": "{{request.pathSegments.[%d]}}"}"""
                        .formatted(accountSegment()))));
  }

  /** Every request answers this status with a Twilio error body. */
  public void failsWith(int status, int code, String message) {
    server.resetAll();
    server.stubFor(
        any(anyUrl())
            .willReturn(
                aResponse()
                    .withStatus(status)
                    .withHeader("Content-Type", "application/json")
                    .withBody(
                        """
                        {"code": %d, "message": "%s", "more_info": "https://www.twilio.com/docs/errors/%d", "status": %d}"""
                            .formatted(code, message, code, status))));
  }

  /** Takes messages, but answers only after the delay. */
  public void answersAfter(Duration delay) {
    accepts();
    server.stubFor(
        post(urlPathMatching(prefix + MESSAGES))
            .willReturn(
                json(201, "{\"sid\": \"SMlate\", \"status\": \"queued\"}")
                    .withFixedDelay((int) delay.toMillis())));
  }

  public List<LoggedRequest> messageRequests() {
    return requestsTo(MESSAGES);
  }

  public List<LoggedRequest> callRequests() {
    return requestsTo(CALLS);
  }

  /** Every request received, in order. */
  public List<LoggedRequest> requests() {
    return server.getAllServeEvents().stream()
        .map(e -> e.getRequest())
        .sorted(java.util.Comparator.comparing(LoggedRequest::getLoggedDate))
        .map(LoggedRequest.class::cast)
        .toList();
  }

  private List<LoggedRequest> requestsTo(String pathPattern) {
    return requests().stream().filter(r -> r.getUrl().matches(prefix + pathPattern)).toList();
  }

  /** The form fields of a request, each with all its values in order. */
  public static Map<String, List<String>> form(LoggedRequest request) {
    Map<String, List<String>> form = new LinkedHashMap<>();
    String body = request.getBodyAsString();
    if (body.isEmpty()) {
      return form;
    }
    for (String pair : body.split("&")) {
      int eq = pair.indexOf('=');
      String name = URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8);
      String value = URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
      form.computeIfAbsent(name, n -> new ArrayList<>()).add(value);
    }
    return form;
  }

  /** What Twilio's OpenAPI description finds wrong with each request received (path, problems). */
  public List<String> contractProblems() {
    List<String> problems = new ArrayList<>();
    for (LoggedRequest request : requests()) {
      String path = URI.create(request.getUrl()).getRawPath().substring(prefix.length());
      TwilioContract.problems(
              request.getMethod().getName(),
              path,
              request.getHeader("Content-Type"),
              request.getHeader("Authorization"),
              request.getBodyAsString())
          .forEach(problem -> problems.add(path + " " + problem));
    }
    return problems;
  }

  private int accountSegment() {
    // /<prefix segments>/2010-04-01/Accounts/{sid}/...
    return prefix.isEmpty() ? 2 : prefix.split("/").length - 1 + 2;
  }

  private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder json(
      int status, String body) {
    return aResponse()
        .withStatus(status)
        .withHeader("Content-Type", "application/json")
        .withBody(body)
        .withTransformers("response-template");
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
