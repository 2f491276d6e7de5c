package dev.vigil.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * An admin's webhook pages over a browser's HTTP: a refused URL is shown with the form kept, a new
 * webhook's secret is shown once, and a test event's delivery appears on its page.
 */
class WebhookPagesTest extends ConsoleTestBase {

  private static final Pattern CSRF = Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"");
  private static final Pattern SECRET = Pattern.compile("(vwhsec_[0-9a-f]{64})");

  private final CookieManager cookies = new CookieManager();
  private final HttpClient client =
      HttpClient.newBuilder()
          .cookieHandler(cookies)
          .followRedirects(HttpClient.Redirect.NEVER)
          .build();

  @Test
  void anAdminMakesAWebhookSeesItsSecretOnceAndTestsIt() throws Exception {
    Team team = newTeam(60);
    logIn(person(team.accountId(), "Alice", "admin"));

    String page = get("/console/admin/webhooks").body();
    assertThat(page).contains("No webhooks yet.");
    HttpResponse<String> refused =
        post(
            "/console/admin/webhooks",
            "url=" + enc("ftp://example.com/x") + "&description=Status&_csrf=" + enc(csrf(page)));
    assertThat(refused.statusCode()).isEqualTo(200);
    assertThat(refused.body()).contains("&#39;url&#39; must be an http or https URL");
    assertThat(refused.body()).contains("value=\"ftp://example.com/x\"");

    HttpResponse<String> made =
        post(
            "/console/admin/webhooks",
            "url="
                + enc("http://127.0.0.1:9/vigil")
                + "&description=Status&events=incident.resolved&_csrf="
                + enc(csrf(page)));
    assertThat(made.statusCode()).isEqualTo(302);
    String location = made.headers().firstValue("Location").orElseThrow();
    String path = URI.create(location).getPath();
    String shown = get(path).body();
    Matcher secret = SECRET.matcher(shown);
    assertThat(secret.find()).as(shown).isTrue();
    assertThat(shown).contains("Status · active · incident.resolved");
    // Once: the next visit has no secret on it.
    String again = get(path).body();
    assertThat(SECRET.matcher(again).find()).isFalse();

    assertThat(post(path + "/test", "_csrf=" + enc(csrf(again))).statusCode()).isEqualTo(302);
    await().atMost(Duration.ofSeconds(20)).until(() -> get(path).body().contains("pagey.ping"));
    assertThat(get("/console/admin/webhooks").body()).contains("http://127.0.0.1:9/vigil");

    assertThat(post(path + "/delete", "_csrf=" + enc(csrf(again))).statusCode()).isEqualTo(302);
    assertThat(get(path).statusCode()).isEqualTo(404);
  }

  private void logIn(String email) throws Exception {
    String token = csrf(get("/login").body());
    HttpResponse<String> response =
        post(
            "/login",
            "username=" + enc(email) + "&password=" + enc(PASSWORD) + "&_csrf=" + enc(token));
    assertThat(response.headers().firstValue("Location").orElseThrow()).doesNotContain("error");
  }

  private HttpResponse<String> get(String path) throws Exception {
    return client.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
            .header("Accept", "text/html")
            .GET()
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> post(String path, String form) throws Exception {
    return client.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .header("Accept", "text/html")
            .POST(HttpRequest.BodyPublishers.ofString(form))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static String csrf(String html) {
    Matcher matcher = CSRF.matcher(html);
    assertThat(matcher.find()).as(html).isTrue();
    return matcher.group(1);
  }

  private static String enc(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }
}
