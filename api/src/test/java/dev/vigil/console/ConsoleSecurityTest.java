package dev.vigil.console;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.oncall.Paging;
import dev.vigil.oncall.team.TeamDetails;
import dev.vigil.oncall.team.TeamStore;
import java.net.CookieManager;
import java.net.HttpCookie;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.web.util.HtmlUtils;

/**
 * The console's access rules over HTTP, as the API's are tested: every page sends an anonymous
 * visitor to the login page, answers 403 to a role whose work it is not, and refuses a form posted
 * without its CSRF token; logging in changes the session id (docs/decisions/0046).
 */
class ConsoleSecurityTest extends ConsoleTestBase {

  @Autowired TeamStore teamStore;

  private static final Pattern CSRF = Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"");

  /** Every console page, and the roles that may open it. */
  private static final Map<String, List<String>> PAGES =
      Map.ofEntries(
          Map.entry("/console/incidents", List.of("admin", "responder", "support", "accountant")),
          Map.entry(
              "/console/incidents/rows?status=all",
              List.of("admin", "responder", "support", "accountant")),
          Map.entry("/console/inbox", List.of("admin", "responder", "support", "accountant")),
          Map.entry(
              "/console/incidents/search?words=disk", List.of("admin", "responder", "support")),
          Map.entry("/console/oncall", List.of("admin", "responder", "support", "accountant")),
          Map.entry("/console/services/dry_run", List.of("admin", "responder", "support")),
          Map.entry("/console/me", List.of("admin", "responder", "support", "accountant")),
          Map.entry("/console/invoices", List.of("admin", "accountant")),
          Map.entry("/console/invoices/usage", List.of("admin", "accountant")),
          Map.entry("/console/operator/invoices", List.of("operator_admin", "operator_accountant")),
          Map.entry("/console/operator/accounts", List.of("operator_admin", "operator_accountant")),
          Map.entry("/console/admin/services", List.of("admin")),
          Map.entry("/console/admin/services/new", List.of("admin")),
          Map.entry("/console/admin/policies", List.of("admin")),
          Map.entry("/console/admin/policies/new", List.of("admin")),
          Map.entry("/console/admin/users", List.of("admin")),
          Map.entry("/console/admin/webhooks", List.of("admin")),
          Map.entry("/console/admin/slack", List.of("admin")),
          Map.entry("/console/schedules", List.of("admin", "responder", "support", "accountant")),
          Map.entry("/console/admin/tokens", List.of("admin")),
          Map.entry("/console/admin/schedules/new", List.of("admin")),
          Map.entry("/console/operator/dunning", List.of("operator_admin", "operator_accountant")),
          Map.entry(
              "/console/operator/usage_alerts", List.of("operator_admin", "operator_accountant")));

  private static final List<String> ROLES =
      List.of(
          "admin", "responder", "support", "accountant", "operator_admin", "operator_accountant");

  /** An account id no account has: the account forms are refused or answered, never applied. */
  private static final long NO_ACCOUNT = 999_999_999L;

  /** A schedule id no schedule has: the admin's schedule forms answer 404, never delete one. */
  private static final long NO_SCHEDULE = 999_999_999L;

  /** Forms only operator admins may send, as the REST API's method security says. */
  private static final List<String> OPERATOR_ADMIN_FORMS =
      List.of(
          "/console/operator/accounts",
          "/console/operator/accounts/" + NO_ACCOUNT + "/suspend",
          "/console/operator/accounts/" + NO_ACCOUNT + "/reactivate");

  private static final List<String> FORMS =
      List.of(
          "/console/incidents/1/acknowledge",
          "/console/incidents/1/resolve",
          "/console/incidents/1/escalate",
          "/console/incidents/1/snooze",
          "/console/incidents/1/priority",
          "/console/incidents/1/notes",
          "/console/incidents/bulk",
          "/console/operator/accounts/1/invoices/1/approve",
          "/console/operator/accounts/1/invoices/1/payments",
          "/console/operator/accounts/1/invoices/1/void",
          "/console/operator/accounts/1/invoices/1/uncollectible",
          "/console/operator/accounts/1/invoices/1/credit_notes",
          "/console/operator/accounts",
          "/console/operator/accounts/" + NO_ACCOUNT + "/suspend",
          "/console/operator/accounts/" + NO_ACCOUNT + "/reactivate",
          "/console/admin/services",
          "/console/admin/services/1",
          "/console/admin/services/1/integration_keys",
          "/console/admin/services/1/integration_keys/1/retire",
          "/console/admin/policies",
          "/console/admin/policies/1",
          "/console/admin/users",
          "/console/admin/webhooks",
          "/console/admin/webhooks/1/test",
          "/console/admin/webhooks/1/rotate_secret",
          "/console/admin/webhooks/1/enabled",
          "/console/admin/webhooks/1/delete",
          "/console/admin/slack",
          "/console/admin/slack/disconnect",
          "/console/me/contact_methods",
          "/console/me/contact_methods/1/code",
          "/console/me/contact_methods/1/test",
          "/console/schedules/1/overrides",
          "/console/schedules/1/overrides/1/remove",
          "/console/me/notification_rules",
          "/console/me/notification_rules/1/delete",
          "/console/admin/tokens",
          "/console/admin/tokens/1/revoke",
          "/console/admin/services/1/heartbeats",
          "/console/admin/services/1/heartbeats/1/delete",
          "/console/admin/services/1/alert_grouping",
          "/console/admin/services/1/maintenance",
          "/console/admin/services/1/maintenance/1/delete",
          "/console/operator/accounts/" + NO_ACCOUNT + "/refunds",
          "/console/operator/accounts/" + NO_ACCOUNT + "/subscription",
          "/console/admin/schedules",
          "/console/admin/schedules/" + NO_SCHEDULE + "/layers",
          "/console/admin/schedules/" + NO_SCHEDULE + "/layers/0",
          "/console/admin/schedules/" + NO_SCHEDULE + "/layers/0/delete",
          "/console/admin/schedules/" + NO_SCHEDULE + "/delete",
          "/console/admin/users/" + NO_ACCOUNT + "/role",
          "/console/admin/users/" + NO_ACCOUNT + "/remove",
          "/console/admin/users/teams",
          "/console/admin/users/teams/" + NO_ACCOUNT + "/members",
          "/console/admin/users/teams/" + NO_ACCOUNT + "/members/" + NO_ACCOUNT + "/remove",
          "/console/admin/users/teams/" + NO_ACCOUNT + "/delete");

  @Test
  void anonymousVisitorsAreSentToTheLoginPage() throws Exception {
    Browser anonymous = new Browser();
    for (String page :
        List.of(
            "/",
            "/console/incidents",
            "/console/incidents/1",
            "/console/incidents/rows",
            "/console/incidents/find?number=1",
            "/console/incidents/search?number=1",
            "/console/incidents/1/history",
            "/console/services/dry_run",
            "/console/inbox",
            "/console/inbox/billing/1/attachment",
            "/console/operator/accounts/1/billing_mail",
            "/console/operator/accounts/1/billing_mail/1/attachment",
            "/console/invoices",
            "/console/invoices/1",
            "/console/operator/invoices",
            "/console/operator/accounts/1/invoices/1",
            "/console/operator/accounts",
            "/console/operator/accounts/1",
            "/console/admin/services",
            "/console/admin/services/new",
            "/console/admin/services/1",
            "/console/admin/policies",
            "/console/admin/policies/1",
            "/console/admin/users",
            "/console/admin/webhooks",
            "/console/admin/webhooks/1",
            "/console/admin/slack",
            "/console/schedules",
            "/console/schedules/1",
            "/console/admin/tokens",
            "/console/admin/schedules/new",
            "/console/operator/dunning",
            "/console/operator/usage_alerts")) {
      HttpResponse<String> response = anonymous.get(page);
      assertThat(response.statusCode()).as(page).isEqualTo(302);
      assertThat(response.headers().firstValue("Location").orElseThrow())
          .as(page)
          .endsWith("/login");
    }
    String token = anonymous.csrf("/login");
    for (String form : FORMS) {
      HttpResponse<String> response = anonymous.post(form, "_csrf=" + enc(token));
      assertThat(response.statusCode()).as(form).isEqualTo(302);
      assertThat(response.headers().firstValue("Location").orElseThrow()).endsWith("/login");
    }
    assertThat(anonymous.get("/css/console.css").statusCode()).isEqualTo(200);
    assertThat(anonymous.get("/webjars/htmx.org/dist/htmx.min.js").statusCode())
        .as("htmx, from its WebJar, without a version in the path")
        .isEqualTo(200);
  }

  @Test
  void eachPageAnswersItsRolesAndRefusesTheOthers() throws Exception {
    Team team = newTeam(60);
    long schedule = setup.createSchedule(team.accountId(), "Primary", "UTC");
    for (String role : ROLES) {
      Browser browser =
          new Browser()
              .logIn(
                  role.startsWith("operator_")
                      ? operatorPerson(role)
                      : person(team.accountId(), "Pat", role));
      for (var page : PAGES.entrySet()) {
        int expected = page.getValue().contains(role) ? 200 : 403;
        assertThat(browser.get(page.getKey()).statusCode())
            .as(role + " GET " + page.getKey())
            .isEqualTo(expected);
      }
      String accountPage = "/console/operator/accounts/" + team.accountId();
      assertThat(browser.get(accountPage).statusCode())
          .as(role + " GET " + accountPage)
          .isEqualTo(role.startsWith("operator_") ? 200 : 403);
      String schedulePage = "/console/schedules/" + schedule;
      assertThat(browser.get(schedulePage).statusCode())
          .as(role + " GET " + schedulePage)
          .isEqualTo(role.startsWith("operator_") ? 403 : 200);
      if (!role.startsWith("operator_")) {
        assertThat(browser.get("/console/incidents").body().contains("/console/admin/services"))
            .as(role + " sees the admin links")
            .isEqualTo(role.equals("admin"));
      }
      String token = browser.csrf("/login");
      boolean responds = role.equals("admin") || role.equals("responder");
      boolean operator = role.startsWith("operator_");
      for (String form : FORMS) {
        boolean allowed =
            OPERATOR_ADMIN_FORMS.contains(form)
                ? role.equals("operator_admin")
                : form.contains("/operator/")
                    ? operator
                    : form.contains("/admin/")
                        ? role.equals("admin")
                        : form.contains("/me/") ? !operator : responds;
        int status = browser.post(form, "_csrf=" + enc(token)).statusCode();
        if (allowed) {
          assertThat(status).as(role + " POST " + form).isNotEqualTo(403);
        } else {
          assertThat(status).as(role + " POST " + form).isEqualTo(403);
        }
      }
    }
  }

  @Test
  void supportPagesShowOnlyTheirOwnAccountsIncidents() throws Exception {
    Team team = newTeam(600);
    sendTrigger(team.routingKey(), "support", "Disk full on db-01");
    long number = awaitIncident(team);
    Team other = newTeam(600);
    Browser ours = new Browser().logIn(person(team.accountId(), "Sam", "support"));
    Browser theirs = new Browser().logIn(person(other.accountId(), "Sue", "support"));

    HttpResponse<String> history = ours.get("/console/incidents/" + number + "/history");
    assertThat(history.statusCode()).isEqualTo(200);
    assertThat(history.body()).contains("Disk full on db-01").contains("id=\"temporal-ui\"");
    assertThat(ours.get("/console/incidents/search?words=disk+full").body())
        .contains("#" + number + " Disk full on db-01");

    HttpResponse<String> refused = theirs.get("/console/incidents/" + number + "/history");
    assertThat(refused.statusCode()).isEqualTo(404);
    assertThat(refused.body()).doesNotContain("Disk full on db-01");
    assertThat(theirs.get("/console/incidents/search?number=" + number).body())
        .contains("No incident matches")
        .doesNotContain("Disk full on db-01");
    assertThat(theirs.get("/console/incidents/search?words=disk+full").body())
        .doesNotContain("Disk full on db-01");

    // Who a service would page: for its own account's support staff only.
    String dryRun =
        "/console/services/dry_run?service=" + firstServiceId(team) + "&at=2026-12-01T03:00";
    HttpResponse<String> planned = ours.get(dryRun);
    assertThat(planned.statusCode()).isEqualTo(200);
    assertThat(planned.body()).contains("Alice").contains("SMS to +1******0100");
    HttpResponse<String> foreign = theirs.get(dryRun);
    assertThat(foreign.statusCode()).isEqualTo(404);
    assertThat(foreign.body()).doesNotContain("Alice").doesNotContain("0100");
  }

  @Test
  void anAdminCannotSeeOrRevokeAnotherAccountsApiToken() throws Exception {
    Team team = newTeam(600);
    Team other = newTeam(600);
    String name = "theirs-" + java.util.UUID.randomUUID();
    String secret = tokens.create(team.accountId(), name);
    long id =
        jdbc.sql("select id from api_tokens where name = ?").param(name).query(Long.class).single();
    Browser admin = new Browser().logIn(person(other.accountId(), "Ada", "admin"));

    assertThat(admin.get("/console/admin/tokens").body()).doesNotContain(name);
    String token = admin.csrf("/console/admin/tokens");
    HttpResponse<String> refused =
        admin.post("/console/admin/tokens/" + id + "/revoke", "_csrf=" + enc(token));
    assertThat(refused.body()).contains("API token " + id + " not found");
    assertThat(http().get("/api/v1/incidents", secret).status())
        .as("the other account's token still works")
        .isEqualTo(200);
  }

  @Test
  void anAdminCannotChangeRemoveOrTeamUpAnotherAccountsPeople() throws Exception {
    Team team = newTeam(600);
    Team other = newTeam(600);
    String theirs = person(team.accountId(), "Rex", "responder");
    long rex =
        jdbc.sql("select id from users where email = ?").param(theirs).query(Long.class).single();
    long payments = teamStore.create(team.accountId(), new TeamDetails("Payments", null));
    teamStore.addMember(team.accountId(), payments, rex);
    Browser admin = new Browser().logIn(person(other.accountId(), "Ada", "admin"));
    long ada =
        jdbc.sql("select id from users where account_id = ? and name = 'Ada'")
            .param(other.accountId())
            .query(Long.class)
            .single();
    long ours = teamStore.create(other.accountId(), new TeamDetails("Ours", null));

    String people = admin.get("/console/admin/users").body();
    assertThat(people).doesNotContain(theirs).doesNotContain("Payments");
    String token = "_csrf=" + enc(admin.csrf("/console/admin/users"));
    Map<String, String> forged =
        Map.of(
            "/console/admin/users/" + rex + "/role",
            token + "&role=admin",
            "/console/admin/users/" + rex + "/remove",
            token,
            "/console/admin/users/teams/" + ours + "/members",
            token + "&user=" + rex,
            "/console/admin/users/teams/" + payments + "/members",
            token + "&user=" + ada,
            "/console/admin/users/teams/" + payments + "/members/" + rex + "/remove",
            token,
            "/console/admin/users/teams/" + payments + "/delete",
            token);
    for (var form : forged.entrySet()) {
      HttpResponse<String> refused = admin.post(form.getKey(), form.getValue());
      assertThat(refused.statusCode()).as(form.getKey()).isEqualTo(404);
      assertThat(refused.body()).as(form.getKey()).doesNotContain("Rex").doesNotContain("Payments");
    }
    assertThat(
            jdbc.sql("select role from users where id = ?").param(rex).query(String.class).single())
        .as("still a responder, still there")
        .isEqualTo("responder");
    assertThat(teamStore.members(team.accountId(), payments, new Paging(10, 0)))
        .extracting(dev.vigil.oncall.team.Team.Member::id)
        .containsExactly(rex);
    assertThat(teamStore.members(other.accountId(), ours, new Paging(10, 0))).isEmpty();
  }

  @Test
  void theTemporalUiLinkIsForSupportAndAdminsOnly() throws Exception {
    Team team = newTeam(600);
    sendTrigger(team.routingKey(), "link", "Disk full on db-01");
    long number = awaitIncident(team);
    String page = "/console/incidents/" + number;
    for (String role : List.of("admin", "support", "responder", "accountant")) {
      Browser browser = new Browser().logIn(person(team.accountId(), "Pat", role));
      HttpResponse<String> response = browser.get(page);
      assertThat(response.statusCode()).as(role).isEqualTo(200);
      boolean shown = role.equals("admin") || role.equals("support");
      if (shown) {
        assertThat(response.body())
            .as(role)
            .contains("id=\"temporal-ui\"")
            .contains("http://temporal-ui.test:8233/namespaces/");
      } else {
        assertThat(response.body())
            .as(role)
            .doesNotContain("temporal-ui")
            .doesNotContain("/namespaces/");
      }
    }
  }

  /** The team's one incident, once its workflow recorded it. */
  private long awaitIncident(Team team) {
    return org.awaitility.Awaitility.await()
        .atMost(java.time.Duration.ofSeconds(30))
        .until(
            () ->
                jdbc.sql("select coalesce(max(number), 0) from incidents where account_id = ?")
                    .param(team.accountId())
                    .query(Long.class)
                    .single(),
            found -> found > 0);
  }

  @Test
  void formsWithoutTheirCsrfTokenAreRefused() throws Exception {
    Team team = newTeam(60);
    sendTrigger(team.routingKey(), "csrf", "Disk full");
    Browser responder = new Browser().logIn(person(team.accountId(), "Rita", "responder"));
    for (String form : FORMS) {
      assertThat(responder.post(form, "").statusCode()).as(form).isEqualTo(403);
      assertThat(responder.post(form, "_csrf=forged").statusCode()).as(form).isEqualTo(403);
    }
    Browser operator = new Browser().logIn(operatorPerson("operator_accountant"));
    assertThat(operator.post("/console/operator/accounts/1/invoices/1/approve", "").statusCode())
        .isEqualTo(403);
    // The operator admin's forms: no account is created, suspended or credited by a forged form.
    Browser operatorAdmin = new Browser().logIn(operatorPerson("operator_admin"));
    for (String form : FORMS.stream().filter(f -> f.contains("/operator/")).toList()) {
      assertThat(operatorAdmin.post(form, "").statusCode()).as(form).isEqualTo(403);
      assertThat(operatorAdmin.post(form, "_csrf=forged").statusCode()).as(form).isEqualTo(403);
    }
    String forgedAccount = "Forged " + java.util.UUID.randomUUID();
    assertThat(
            operatorAdmin
                .post(
                    "/console/operator/accounts",
                    "name="
                        + enc(forgedAccount)
                        + "&homeCountry=GB&billingCurrency=GBP"
                        + "&timeZone=UTC&adminName=Eve&adminEmail=eve%40example.com")
                .statusCode())
        .isEqualTo(403);
    assertThat(
            jdbc.sql("select count(*) from accounts where name = ?")
                .param(forgedAccount)
                .query(Long.class)
                .single())
        .isZero();
    // An admin's forms too: nobody is invited by a forged form.
    Browser admin = new Browser().logIn(person(team.accountId(), "Ada", "admin"));
    for (String form : FORMS.stream().filter(f -> f.contains("/admin/")).toList()) {
      assertThat(admin.post(form, "").statusCode()).as(form).isEqualTo(403);
      assertThat(admin.post(form, "_csrf=forged").statusCode()).as(form).isEqualTo(403);
    }
    String forged = "forged-" + java.util.UUID.randomUUID() + "@example.com";
    assertThat(
            admin
                .post("/console/admin/users", "name=Eve&role=admin&email=" + enc(forged))
                .statusCode())
        .isEqualTo(403);
    assertThat(
            jdbc.sql("select count(*) from users where email = ?")
                .param(forged)
                .query(Long.class)
                .single())
        .isZero();
    String token = admin.csrf("/console/admin/users");
    assertThat(
            admin
                .post(
                    "/console/admin/users",
                    "name=Eve&role=admin&email=" + enc(forged) + "&_csrf=" + enc(token))
                .statusCode())
        .as("the same form with its token")
        .isEqualTo(302);
    assertThat(responder.post("/logout", "").statusCode())
        .as("not even logging out")
        .isEqualTo(403);
    assertThat(responder.get("/console/incidents").statusCode()).isEqualTo(200);
  }

  @Test
  void loggingInChangesTheSessionAndLoggingOutEndsIt() throws Exception {
    Team team = newTeam(60);
    String email = person(team.accountId(), "Rita", "responder");
    Browser browser = new Browser();
    String token = browser.csrf("/login");
    String before = browser.session();
    assertThat(before).isNotNull();
    HttpResponse<String> login =
        browser.post(
            "/login",
            "username=" + enc(email) + "&password=" + enc(PASSWORD) + "&_csrf=" + enc(token));
    assertThat(login.headers().firstValue("Location").orElseThrow()).doesNotContain("error");
    String after = browser.session();
    assertThat(after).as("a planted session id is worth nothing after login").isNotEqualTo(before);
    HttpResponse<String> home = browser.get("/");
    assertThat(home.headers().firstValue("Location").orElseThrow()).endsWith("/console/incidents");

    String page = browser.get("/console/incidents").body();
    assertThat(page).contains("Log out");
    HttpResponse<String> logout = browser.post("/logout", "_csrf=" + enc(csrf(page)));
    assertThat(logout.headers().firstValue("Location").orElseThrow()).endsWith("/login?logout");
    assertThat(browser.get("/console/incidents").statusCode()).isEqualTo(302);
  }

  private static String csrf(String html) {
    Matcher matcher = CSRF.matcher(html);
    assertThat(matcher.find()).as(html).isTrue();
    return matcher.group(1);
  }

  private static String enc(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }

  /** A browser's HTTP: cookies kept, redirects not followed. */
  @Test
  void anAdminConnectsSlackAndItsSecretsAreNeverShownBack() throws Exception {
    Team team = newTeam(600);
    Browser admin = new Browser().logIn(person(team.accountId(), "Ada", "admin"));
    assertThat(admin.get("/console/admin/slack").body()).contains("Not connected");
    String token = admin.csrf("/console/admin/slack");
    String workspace = "TCONSOLE" + team.accountId();
    String botToken = "xoxb-3333333333-4444444444-consolePage";
    String secret = "fedcba9876543210fedcba9876543210";

    HttpResponse<String> refused =
        admin.post(
            "/console/admin/slack",
            "workspaceId=nope&botToken="
                + enc(botToken)
                + "&signingSecret="
                + secret
                + "&_csrf="
                + enc(token));
    assertThat(refused.statusCode()).isEqualTo(200);
    assertThat(refused.body()).contains("workspace_id").doesNotContain(botToken);
    assertThat(slackConnections(team)).isZero();

    HttpResponse<String> saved =
        admin.post(
            "/console/admin/slack",
            "workspaceId="
                + workspace
                + "&botToken="
                + enc(botToken)
                + "&signingSecret="
                + secret
                + "&_csrf="
                + enc(token));
    assertThat(saved.statusCode()).isEqualTo(302);
    String page = admin.get("/console/admin/slack").body();
    assertThat(page)
        .contains(workspace)
        .contains("/webhooks/slack/interactions")
        .doesNotContain(botToken)
        .doesNotContain(secret);
    assertThat(slackConnections(team)).isEqualTo(1);

    assertThat(admin.post("/console/admin/slack/disconnect", "_csrf=" + enc(token)).statusCode())
        .isEqualTo(302);
    assertThat(slackConnections(team)).isZero();
  }

  @Test
  void billingMailInTheInboxIsForThoseWhoReadBillingOfItsOwnAccount() throws Exception {
    Team team = newTeam(600);
    long mail = invoiceMailed(team);
    String subject =
        jdbc.sql("select subject from billing_emails where id = ?")
            .param(mail)
            .query(String.class)
            .single();
    jdbc.sql(
            """
            insert into billing_emails (account_id, idempotency_key, kind, recipient, subject,
                                        body, provider, sent_at)
            values (?, ?, 'usage_alert', 'ap@example.com', 'Usage alert',
                    '<script>alert(1)</script> See https://vigil.example/usage', 'dev-inbox', now())
            """)
        .params(team.accountId(), "test-script-" + team.accountId())
        .update();
    String download = "/console/inbox/billing/" + mail + "/attachment";

    for (String role : ROLES) {
      Browser browser =
          new Browser()
              .logIn(
                  role.startsWith("operator_")
                      ? operatorPerson(role)
                      : person(team.accountId(), "Pat", role));
      boolean readsBilling = role.equals("admin") || role.equals("accountant");
      HttpResponse<String> attachment = browser.get(download);
      assertThat(attachment.statusCode())
          .as(role + " GET " + download)
          .isEqualTo(readsBilling ? 200 : 403);
      if (readsBilling) {
        assertThat(attachment.headers().firstValue("Content-Type").orElseThrow())
            .startsWith("application/pdf");
        assertThat(attachment.headers().firstValue("Content-Disposition").orElseThrow())
            .startsWith("attachment")
            .contains(".pdf");
        assertThat(attachment.body()).startsWith("%PDF");
      }
      // The operator's staff read any account's billing mail on its own page.
      String operatorPage = "/console/operator/accounts/" + team.accountId() + "/billing_mail";
      HttpResponse<String> operatorDownload =
          browser.get(operatorPage + "/" + mail + "/attachment");
      assertThat(operatorDownload.statusCode())
          .as(role + " GET the operator's download")
          .isEqualTo(role.startsWith("operator_") ? 200 : 403);
      HttpResponse<String> operatorView = browser.get(operatorPage);
      assertThat(operatorView.statusCode())
          .as(role + " GET " + operatorPage)
          .isEqualTo(role.startsWith("operator_") ? 200 : 403);
      if (role.startsWith("operator_")) {
        assertThat(operatorDownload.headers().firstValue("Content-Type").orElseThrow())
            .startsWith("application/pdf");
        assertThat(operatorDownload.body()).startsWith("%PDF");
        assertThat(operatorView.body())
            .contains(HtmlUtils.htmlEscape(subject))
            .contains(operatorPage + "/" + mail + "/attachment")
            .doesNotContain("<script>alert(1)</script>");
      }
      if (!role.startsWith("operator_")) {
        String inbox = browser.get("/console/inbox").body();
        assertThat(inbox.contains(HtmlUtils.htmlEscape(subject)))
            .as(role + " sees the invoice mail")
            .isEqualTo(readsBilling);
        assertThat(inbox.contains(download))
            .as(role + " sees its download")
            .isEqualTo(readsBilling);
        assertThat(inbox).doesNotContain("<script>alert(1)</script>");
        if (readsBilling) {
          assertThat(inbox)
              .contains("&lt;script&gt;alert(1)&lt;/script&gt;")
              .contains("<a href=\"https://vigil.example/usage\">");
        }
      }
    }

    // Another account's accountant and admin: the mail id is not theirs.
    Team other = newTeam(600);
    for (String role : List.of("admin", "accountant")) {
      Browser theirs = new Browser().logIn(person(other.accountId(), "Sue", role));
      HttpResponse<String> refused = theirs.get(download);
      assertThat(refused.statusCode()).as(role + " of another account").isEqualTo(404);
      assertThat(refused.body()).doesNotStartWith("%PDF");
      assertThat(theirs.get("/console/inbox").body())
          .doesNotContain(download)
          .doesNotContain(HtmlUtils.htmlEscape(subject));
    }
    Browser operator = new Browser().logIn(operatorPerson("operator_accountant"));
    assertThat(
            operator
                .get(
                    "/console/operator/accounts/"
                        + other.accountId()
                        + "/billing_mail/"
                        + mail
                        + "/attachment")
                .statusCode())
        .as("the mail under another account's path")
        .isEqualTo(404);
    Browser accountant = new Browser().logIn(person(team.accountId(), "Ann", "accountant"));
    assertThat(accountant.get("/console/inbox/billing/999999999/attachment").statusCode())
        .isEqualTo(404);
  }

  private int slackConnections(Team team) {
    return jdbc.sql("select count(*) from slack_connections where account_id = ?")
        .param(team.accountId())
        .query(Integer.class)
        .single();
  }

  private final class Browser {
    private final CookieManager cookies = new CookieManager();
    private final HttpClient client =
        HttpClient.newBuilder()
            .cookieHandler(cookies)
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();

    Browser logIn(String email) throws Exception {
      String token = csrf("/login");
      HttpResponse<String> response =
          post(
              "/login",
              "username=" + enc(email) + "&password=" + enc(PASSWORD) + "&_csrf=" + enc(token));
      assertThat(response.headers().firstValue("Location").orElseThrow()).doesNotContain("error");
      return this;
    }

    String csrf(String path) throws Exception {
      return ConsoleSecurityTest.csrf(get(path).body());
    }

    String session() {
      return cookies.getCookieStore().getCookies().stream()
          .filter(c -> c.getName().equals("JSESSIONID"))
          .map(HttpCookie::getValue)
          .findFirst()
          .orElse(null);
    }

    HttpResponse<String> get(String path) throws Exception {
      return client.send(
          HttpRequest.newBuilder(uri(path)).header("Accept", "text/html").GET().build(),
          HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> post(String path, String form) throws Exception {
      return client.send(
          HttpRequest.newBuilder(uri(path))
              .header("Content-Type", "application/x-www-form-urlencoded")
              .header("Accept", "text/html")
              .POST(HttpRequest.BodyPublishers.ofString(form))
              .build(),
          HttpResponse.BodyHandlers.ofString());
    }

    private URI uri(String path) {
      return URI.create("http://127.0.0.1:" + port + path);
    }
  }
}
