package dev.vigil.auth;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.vigil.support.AppTestBase;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * OpenID Connect login against a stand-in identity provider (WireMock: discovery, keys, the
 * authorization and token endpoints), the whole exchange over HTTP as a browser makes it: the login
 * page's single sign-on link, the provider's redirect back with a code and the state, the ID token
 * (signed with a key made here, carrying the nonce of the authorization request) and the console
 * the session opens. A person is let in only as the one user whose e-mail the provider vouches for,
 * with a token signed by the provider's key; nobody is created.
 *
 * <p>The provider must answer before the app starts (its discovery document is read then), so this
 * class has an application of its own, closed after it.
 */
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class OidcLoginTest extends AppTestBase {

  private static final String CLIENT_ID = "vigil-test";
  private static final String CLIENT_SECRET = "s3cret-" + UUID.randomUUID();
  private static final String KEY_ID = "provider-key";

  private static final WireMockServer PROVIDER =
      new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
  private static final RSAKey SIGNING_KEY = rsaKey();
  private static final RSAKey OTHER_KEY = rsaKey();

  static {
    PROVIDER.start();
    String issuer = issuer();
    PROVIDER.stubFor(
        get(urlPathEqualTo("/.well-known/openid-configuration"))
            .willReturn(
                okJson(
                    """
                    {"issuer": "%1$s",
                     "authorization_endpoint": "%1$s/authorize",
                     "token_endpoint": "%1$s/token",
                     "jwks_uri": "%1$s/jwks",
                     "response_types_supported": ["code"],
                     "subject_types_supported": ["public"],
                     "id_token_signing_alg_values_supported": ["RS256"],
                     "token_endpoint_auth_methods_supported": ["client_secret_basic"],
                     "scopes_supported": ["openid", "email", "profile"]}"""
                        .formatted(issuer))));
    PROVIDER.stubFor(
        get(urlPathEqualTo("/jwks"))
            .willReturn(okJson(new JWKSet(SIGNING_KEY.toPublicJWK()).toString())));
  }

  @DynamicPropertySource
  static void provider(DynamicPropertyRegistry registry) {
    registry.add("vigil.oidc.issuer-uri", OidcLoginTest::issuer);
    registry.add("vigil.oidc.client-id", () -> CLIENT_ID);
    registry.add("vigil.oidc.client-secret", () -> CLIENT_SECRET);
    registry.add("vigil.oidc.name", () -> "Stand-in Identity");
  }

  @AfterAll
  static void stopProvider() {
    PROVIDER.stop();
  }

  @Test
  void aVerifiedEmailOfAUserLogsThemInAsThatUser() throws Exception {
    Team team = newTeam(3600);
    Browser browser = new Browser();
    String loginPage = browser.get("/login").body();
    assertThat(loginPage).contains("Log in with single sign-on").contains("/oauth2/authorization/");

    HttpResponse<String> back = browser.signIn(loginPage, Person.verified(team.aliceEmail()));

    assertThat(back.headers().firstValue("Location").orElseThrow())
        .as("logged in, to the console: %s", browser.get("/login?error").body())
        .doesNotContain("error");
    HttpResponse<String> incidents = browser.follow(browser.get("/"));
    assertThat(incidents.statusCode()).isEqualTo(200);
    assertThat(incidents.uri().getPath()).isEqualTo("/console/incidents");
    assertThat(incidents.body()).contains(team.aliceEmail()).contains("Log out");
    assertThat(browser.get("/console/invoices").statusCode())
        .as("alice is an admin: the invoices open")
        .isEqualTo(200);
    assertThat(browser.get("/console/operator/invoices").statusCode())
        .as("but not the operator's pages")
        .isEqualTo(403);
  }

  @Test
  void aResponderGetsTheirRolesPagesOnly() throws Exception {
    Team team = newTeam(3600);
    String email = "rita-" + UUID.randomUUID() + "@example.com";
    setup.createUser(team.accountId(), "Rita", email, "responder");
    Browser browser = new Browser();

    browser.signIn(browser.get("/login").body(), Person.verified(email.toUpperCase()));

    HttpResponse<String> incidents = browser.get("/console/incidents");
    assertThat(incidents.statusCode()).isEqualTo(200);
    assertThat(incidents.body()).contains(email);
    assertThat(browser.get("/console/invoices").statusCode()).isEqualTo(403);
  }

  @Test
  void anEmailTheProviderDoesNotVouchForIsRefused() throws Exception {
    Team team = newTeam(3600);
    Browser browser = new Browser();

    HttpResponse<String> back =
        browser.signIn(
            browser.get("/login").body(),
            new Person(team.aliceEmail(), false, SIGNING_KEY, Map.of()));

    assertRefused(browser, back, "did not vouch for an e-mail address");
  }

  @Test
  void anEmailOfNoUserIsRefusedAndCreatesNobody() throws Exception {
    Team team = newTeam(3600);
    String stranger = "stranger-" + UUID.randomUUID() + "@example.com";
    Browser browser = new Browser();

    HttpResponse<String> back =
        browser.signIn(browser.get("/login").body(), Person.verified(stranger));

    assertRefused(browser, back, "No Vigil user has this e-mail address");
    assertThat(http().get("/api/v1/users", team.token()).body()).doesNotContain(stranger);
    assertThat(
            jdbc.sql("select count(*) from users where lower(email) = lower(?)")
                .param(stranger)
                .query(Integer.class)
                .single())
        .as("users with the stranger's e-mail, in any account")
        .isZero();
  }

  @Test
  void anIdTokenSignedWithAnotherKeyIsRefused() throws Exception {
    Team team = newTeam(3600);
    Browser browser = new Browser();

    HttpResponse<String> back =
        browser.signIn(
            browser.get("/login").body(), new Person(team.aliceEmail(), true, OTHER_KEY, Map.of()));

    assertRefused(browser, back, "refused (invalid_id_token)");
  }

  @Test
  void anIdTokenWithAnotherNonceIsRefused() throws Exception {
    Team team = newTeam(3600);
    Browser browser = new Browser();

    HttpResponse<String> back =
        browser.signIn(
            browser.get("/login").body(),
            new Person(team.aliceEmail(), true, SIGNING_KEY, Map.of("nonce", "replayed")));

    assertRefused(browser, back, "refused (invalid_nonce)");
  }

  /**
   * Back on the login page, which says why single sign-on refused, and no session that opens the
   * console.
   */
  private static void assertRefused(Browser browser, HttpResponse<String> back, String why)
      throws Exception {
    assertThat(back.statusCode()).isEqualTo(302);
    assertThat(back.headers().firstValue("Location").orElseThrow()).endsWith("/login?error");
    assertThat(browser.get("/login?error").body())
        .contains("Single sign-on did not log you in")
        .containsIgnoringCase(why)
        .doesNotContain("Wrong e-mail or password");
    HttpResponse<String> console = browser.get("/console/incidents");
    assertThat(console.statusCode()).isEqualTo(302);
    assertThat(console.headers().firstValue("Location").orElseThrow()).endsWith("/login");
  }

  /**
   * Who the provider says signs in: their e-mail, whether it is verified, the key the ID token is
   * signed with, and claims that replace the right ones.
   */
  private record Person(String email, boolean verified, RSAKey key, Map<String, Object> claims) {
    static Person verified(String email) {
      return new Person(email, true, SIGNING_KEY, Map.of());
    }
  }

  /** A browser's HTTP: cookies kept, redirects followed by hand so each step can be read. */
  private final class Browser {
    private final HttpClient client =
        HttpClient.newBuilder()
            .cookieHandler(new CookieManager())
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();

    /**
     * Follows the login page's single sign-on link to the provider, which signs the person in and
     * sends the browser back with a code; answers the app's response to that callback.
     */
    HttpResponse<String> signIn(String loginPage, Person person) throws Exception {
      String link = loginPage.replaceAll("(?s).*href=\"(/oauth2/authorization/[^\"]+)\".*", "$1");
      HttpResponse<String> toProvider = get(link);
      assertThat(toProvider.statusCode()).isEqualTo(302);
      URI authorize = URI.create(toProvider.headers().firstValue("Location").orElseThrow());
      assertThat(authorize.getPort()).as("to the provider").isEqualTo(PROVIDER.port());
      Map<String, String> request = query(authorize);
      assertThat(request)
          .containsEntry("response_type", "code")
          .containsEntry("client_id", CLIENT_ID)
          .containsKeys("state", "nonce", "redirect_uri");
      assertThat(request.get("scope").split(" ")).contains("openid", "email");

      String code = UUID.randomUUID().toString();
      PROVIDER.stubFor(
          WireMock.get(urlPathEqualTo("/authorize"))
              .withQueryParam("state", equalTo(request.get("state")))
              .willReturn(
                  aResponse()
                      .withStatus(302)
                      .withHeader(
                          "Location",
                          request.get("redirect_uri")
                              + "?code="
                              + code
                              + "&state="
                              + java.net.URLEncoder.encode(
                                  request.get("state"), StandardCharsets.UTF_8))));
      PROVIDER.stubFor(
          post(urlPathEqualTo("/token"))
              .withBasicAuth(CLIENT_ID, CLIENT_SECRET)
              .withRequestBody(containing("grant_type=authorization_code"))
              .withRequestBody(containing("code=" + code))
              .willReturn(
                  okJson(
                      """
                      {"access_token": "%s", "token_type": "Bearer", "expires_in": 300,
                       "scope": "openid email profile", "id_token": "%s"}"""
                          .formatted(UUID.randomUUID(), idToken(person, request.get("nonce"))))));

      HttpResponse<String> fromProvider = send(HttpRequest.newBuilder(authorize).GET());
      assertThat(fromProvider.statusCode()).isEqualTo(302);
      URI callback = URI.create(fromProvider.headers().firstValue("Location").orElseThrow());
      assertThat(callback.getPath()).isEqualTo("/login/oauth2/code/oidc");
      return send(HttpRequest.newBuilder(callback).GET());
    }

    HttpResponse<String> get(String path) throws Exception {
      return send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).GET());
    }

    /** Follows redirects within the app to the page they end at. */
    HttpResponse<String> follow(HttpResponse<String> response) throws Exception {
      while (response.statusCode() == 302) {
        URI next = response.uri().resolve(response.headers().firstValue("Location").orElseThrow());
        response = send(HttpRequest.newBuilder(next).GET());
      }
      return response;
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
      return client.send(
          request.header("Accept", "text/html").build(), HttpResponse.BodyHandlers.ofString());
    }
  }

  /** The provider's ID token for the person, for the authorization request with this nonce. */
  private static String idToken(Person person, String nonce) throws JOSEException {
    Instant now = Instant.now();
    Map<String, Object> claims = new HashMap<>();
    claims.put("iss", issuer());
    claims.put("sub", "subject-" + person.email());
    claims.put("aud", List.of(CLIENT_ID));
    claims.put("iat", Date.from(now));
    claims.put("exp", Date.from(now.plusSeconds(300)));
    claims.put("nonce", nonce);
    claims.put("email", person.email());
    claims.put("email_verified", person.verified());
    claims.putAll(person.claims());
    JWTClaimsSet.Builder set = new JWTClaimsSet.Builder();
    claims.forEach(set::claim);
    SignedJWT token =
        new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(KEY_ID).build(), set.build());
    token.sign(new RSASSASigner(person.key()));
    return token.serialize();
  }

  private static Map<String, String> query(URI uri) {
    Map<String, String> parameters = new HashMap<>();
    for (String pair : uri.getRawQuery().split("&")) {
      int equals = pair.indexOf('=');
      parameters.put(
          URLDecoder.decode(pair.substring(0, equals), StandardCharsets.UTF_8),
          URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8));
    }
    return parameters;
  }

  private static String issuer() {
    return "http://127.0.0.1:" + PROVIDER.port();
  }

  private static RSAKey rsaKey() {
    try {
      return new RSAKeyGenerator(2048).keyID(KEY_ID).generate();
    } catch (JOSEException e) {
      throw new IllegalStateException(e);
    }
  }
}
