package dev.vigil.auth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.support.AppTestBase;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A person over HTTP, as a browser does it: an invitation link to choose a password, form login at
 * {@code /login}, a session that reaches the API, CSRF tokens required for changes, logout, and a
 * suspended account's session and login refused (docs/decisions/0031).
 */
class LoginTest extends AppTestBase {

  private static final Pattern CSRF = Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"");
  private static final String PASSWORD = "correct horse battery staple";

  @Autowired InvitationLinks invitations;

  private final HttpClient browser =
      HttpClient.newBuilder()
          .cookieHandler(new CookieManager())
          .followRedirects(HttpClient.Redirect.NEVER)
          .build();

  @Test
  void anInvitedAdminSetsAPasswordLogsInAndUsesTheApiWithCsrf() throws Exception {
    Team team = newTeam(60);
    long alice = idOfUser(team, team.aliceEmail());
    String link = invitations.invite(alice);
    String invitation = link.substring(link.indexOf("/invitations/"));

    HttpResponse<String> form = get(invitation);
    assertThat(form.statusCode()).isEqualTo(200);
    assertThat(post(invitation, "password=" + enc(PASSWORD)).statusCode())
        .as("no CSRF token: refused")
        .isEqualTo(401);
    HttpResponse<String> set =
        post(invitation, "password=" + enc(PASSWORD) + "&_csrf=" + csrf(form));
    assertThat(set.statusCode()).as(set.body()).isEqualTo(200);
    assertThat(get(invitation).statusCode()).as("a link works once").isEqualTo(404);

    assertThat(login(team.aliceEmail(), "wrong password").headers().firstValue("Location"))
        .hasValueSatisfying(location -> assertThat(location).contains("/login?error"));
    assertThat(get("/api/v1/incidents").statusCode()).isEqualTo(401);

    HttpResponse<String> loggedIn = login(team.aliceEmail(), PASSWORD);
    assertThat(loggedIn.statusCode()).isEqualTo(302);
    assertThat(loggedIn.headers().firstValue("Location").orElseThrow()).doesNotContain("error");
    assertThat(get("/api/v1/incidents").statusCode()).isEqualTo(200);

    String ack = "/api/v1/incidents/999999/acknowledge";
    assertThat(send(HttpRequest.newBuilder(uri(ack)).POST(noBody())).statusCode())
        .as("a change without the CSRF token is refused")
        .isEqualTo(403);
    String token = csrf(get("/login"));
    assertThat(
            send(HttpRequest.newBuilder(uri(ack)).header("X-CSRF-TOKEN", token).POST(noBody()))
                .statusCode())
        .as("with it, the incident decides: there is none")
        .isEqualTo(404);

    assertThat(post("/logout", "_csrf=" + enc(token)).statusCode()).isEqualTo(302);
    assertThat(get("/api/v1/incidents").statusCode()).isEqualTo(401);
  }

  @Test
  void aSuspendedAccountsSessionEndsAndItsPeopleCannotLogIn() throws Exception {
    Team team = newTeam(60);
    long alice = idOfUser(team, team.aliceEmail());
    String link = invitations.invite(alice);
    String invitation = link.substring(link.indexOf("/invitations/"));
    post(invitation, "password=" + enc(PASSWORD) + "&_csrf=" + csrf(get(invitation)));
    assertThat(login(team.aliceEmail(), PASSWORD).headers().firstValue("Location").orElseThrow())
        .doesNotContain("error");
    assertThat(get("/api/v1/incidents").statusCode()).isEqualTo(200);

    String operator = operatorToken("operator_admin");
    assertThat(
            http()
                .post("/api/v1/operator/accounts/" + team.accountId() + "/suspend", operator)
                .status())
        .isEqualTo(200);

    assertThat(get("/api/v1/incidents").statusCode()).isEqualTo(401);
    assertThat(login(team.aliceEmail(), PASSWORD).headers().firstValue("Location").orElseThrow())
        .contains("error");
    var refused = http().get("/api/v1/incidents", team.token());
    assertThat(refused.status()).isEqualTo(401);
    assertThat(refused.body()).contains("account_suspended");
    assertThat(sendTrigger(team.routingKey(), "still-pages", "Disk full").status())
        .as("a suspended account's monitoring still pages")
        .isEqualTo(202);

    http().post("/api/v1/operator/accounts/" + team.accountId() + "/reactivate", operator);
    assertThat(http().get("/api/v1/incidents", team.token()).status()).isEqualTo(200);
  }

  @Test
  void aTokenNeverOpensASession() {
    Team team = newTeam(60);
    var response = http().get("/api/v1/incidents", team.token());
    assertThat(response.status()).isEqualTo(200);
    assertThat(response.header("Set-Cookie")).isNull();
  }

  private HttpResponse<String> login(String email, String password) throws Exception {
    String token = csrf(get("/login"));
    return post(
        "/login", "username=" + enc(email) + "&password=" + enc(password) + "&_csrf=" + enc(token));
  }

  private static String csrf(HttpResponse<String> page) {
    Matcher matcher = CSRF.matcher(page.body());
    assertThat(matcher.find()).as(page.body()).isTrue();
    return matcher.group(1);
  }

  private HttpResponse<String> get(String path) throws Exception {
    return send(HttpRequest.newBuilder(uri(path)).GET());
  }

  private HttpResponse<String> post(String path, String form) throws Exception {
    return send(
        HttpRequest.newBuilder(uri(path))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString(form)));
  }

  private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
    return browser.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private URI uri(String path) {
    return URI.create("http://127.0.0.1:" + port + path);
  }

  private static HttpRequest.BodyPublisher noBody() {
    return HttpRequest.BodyPublishers.noBody();
  }

  private static String enc(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }
}
