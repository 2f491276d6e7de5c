package dev.vigil.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.vigil.oncall.OnCallSetup;
import dev.vigil.support.HttpDriver;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import tools.jackson.databind.JsonNode;

/**
 * Each role's main journey in a real browser: Debian's headless Chromium, driven by Selenium
 * through Debian's chromedriver (named explicitly, so Selenium Manager never reaches for the
 * network; {@code .ci/run} installs both). A responder on a phone, a tenant accountant, the
 * operator, and a tenant admin setting up a service. Screenshots go to {@code target/screenshots}.
 */
class ConsoleBrowserTest extends ConsoleTestBase {

  private static final String CHROMIUM = "/usr/bin/chromium";
  private static final String CHROMEDRIVER = "/usr/bin/chromedriver";
  private static final Path SCREENSHOTS = Path.of("target", "screenshots");

  /** Alice's level in the support journey: Bob is paged this long after her. */
  private static final int LEVEL_DELAY_SECONDS = 5;

  @org.springframework.beans.factory.annotation.Autowired
  private org.springframework.core.env.Environment environment;

  private WebDriver browser;
  private Path profile;

  @AfterEach
  void closeBrowser() throws IOException {
    if (browser != null) {
      browser.quit();
    }
    if (profile != null) {
      org.springframework.util.FileSystemUtils.deleteRecursively(profile);
    }
  }

  @Test
  void aResponderSeesWhoIsOnCallNowAndTheirOwnShifts() {
    long account = setup.createAccount("Rota " + suffix(), "US", "UTC");
    String rita = person(account, "Rita", "responder");
    long ritaId = userId(rita);
    String sam = person(account, "Sam", "responder");
    long samId = userId(sam);
    long schedule = setup.createSchedule(account, "Primary rota", "UTC");
    // Daily handoffs at midnight UTC, Sam first from a week ago: over any two weeks each of the
    // two has shifts, and exactly one of them is on call now.
    LocalDate weekAgo = LocalDate.now(ZoneOffset.UTC).minusDays(7);
    setup.addLayer(
        account,
        schedule,
        1,
        "Days",
        weekAgo.atStartOfDay(ZoneOffset.UTC).toInstant(),
        weekAgo.atStartOfDay(),
        1,
        "days",
        List.of(samId, ritaId));
    setup.createSchedule(account, "Empty rota", "UTC");
    String onCallNow =
        http()
            .get(
                "/api/v1/oncalls?schedule_id=" + schedule,
                tokens.createForUser(account, ritaId, "responder"))
            .json()
            .at("/oncalls/0/user/name")
            .asString();

    phone();
    logIn(rita);
    browser.findElement(By.linkText("On call")).click();
    String now = waitFor(By.id("now")).getText();
    assertThat(now).contains("Primary rota").contains(onCallNow).contains("Empty rota");
    assertThat(now).contains("Nobody on call");
    String shifts = browser.findElement(By.id("my-shifts")).getText();
    // One shift every other day: seven in the next fourteen days (give or take the one running).
    assertThat(shifts.split("Primary rota", -1).length - 1).isBetween(7, 8);
    assertPhoneFriendly();
    shoot("console-oncall-phone");
  }

  @Test
  void aResponderVerifiesANewPhoneWithTheCodeSentToItAndSendsATestPage() {
    long account = setup.createAccount("Verify " + suffix(), "US", "UTC");
    String rita = person(account, "Rita", "responder");
    long ritaId = userId(rita);
    String phone = "+1415555" + String.format("%04d", (int) (Math.random() * 10_000));
    phone();
    logIn(rita);
    browser.findElement(By.linkText("Me")).click();
    // An empty number is refused by field, and nothing is added.
    waitFor(By.id("add-method")).click();
    assertThat(waitFor(By.cssSelector(".problem")).getText()).contains("'address'");
    assertThat(
            jdbc.sql("select count(*) from contact_methods where user_id = ?")
                .param(ritaId)
                .query(Integer.class)
                .single())
        .isEqualTo(1);
    browser.findElement(By.id("new-address")).sendKeys(phone);
    browser.findElement(By.id("add-method")).click();
    waitForText(By.cssSelector(".notice"), "Added: send a code to verify it before it is paged.");
    long method =
        jdbc.sql("select id from contact_methods where user_id = ? and address = ?")
            .params(ritaId, phone)
            .query(Long.class)
            .single();

    assertThat(waitFor(By.id("method-" + method)).getText()).contains("Not verified");
    browser.findElement(By.id("send-code-" + method)).click();
    waitForText(By.cssSelector(".notice"), "Code sent: it is valid 10 minutes.");
    String code =
        await()
            .atMost(Duration.ofSeconds(15))
            .until(
                () ->
                    jdbc.sql(
                            "select body from dev_inbox_messages where recipient = ?"
                                + " order by id desc limit 1")
                        .param(phone)
                        .query(String.class)
                        .optional()
                        .map(body -> body.replaceAll("(?s).*?(\\d{6}).*", "$1"))
                        .orElse(null),
                found -> found != null && found.matches("\\d{6}"));
    browser.findElement(By.id("code-" + method)).sendKeys(code);
    browser.findElement(By.id("confirm-" + method)).click();
    waitForText(By.cssSelector(".notice"), "Verified: pages now reach it.");
    assertThat(browser.findElement(By.id("method-" + method)).getText()).contains("Verified");
    assertPhoneFriendly();
    shoot("console-me-phone");

    browser.findElement(By.id("test-" + method)).click();
    waitForText(By.cssSelector(".notice"), "Vigil test page sent to " + phone);
    // A second one within the minute is refused, and says so.
    browser.findElement(By.id("test-" + method)).click();
    assertThat(waitFor(By.cssSelector(".problem")).getText()).isNotBlank();
  }

  @Test
  void aResponderOnAPhoneOpensThePageFromTheInboxAndAcknowledges() {
    long account = setup.createAccount("Phone " + suffix(), "US", "UTC");
    String rita = person(account, "Rita", "responder");
    long ritaId =
        jdbc.sql("select id from users where email = ?").param(rita).query(Long.class).single();
    setup.addContactMethod(account, ritaId, "phone", "+14155550123");
    long policy =
        setup.createPolicy(
            account, "Primary", 0, List.of(new OnCallSetup.LevelSpec(600, List.of(ritaId))));
    String routingKey = UUID.randomUUID().toString().replace("-", "");
    setup.createService(account, "Checkout", policy, "severity", routingKey);

    phone();
    logIn(rita);
    assertThat(browser.findElement(By.id("rows")).getText()).contains("No incidents match");
    // As Alertmanager sends it: labels in custom_details, the runbook among the links.
    var trigger =
        http()
            .postJson(
                "/v2/enqueue",
                """
                {"routing_key": "%s", "event_action": "trigger", "dedup_key": "disk-full",
                 "payload": {"summary": "Disk full on db-01", "source": "db-01",
                   "severity": "critical", "component": "postgres",
                   "custom_details": {"mountpoint": "/var/lib/postgresql",
                                      "note": "<script>alert(1)</script>"}},
                 "links": [{"href": "https://runbooks.example.com/disk-full", "text": "Runbook"},
                           {"href": "javascript:alert(2)", "text": "Not a link"}]}"""
                    .formatted(routingKey));
    assertThat(trigger.status()).isEqualTo(202);
    // The list is live: the new incident appears without a reload (htmx polls every 5 s).
    new WebDriverWait(browser, Duration.ofSeconds(20))
        .until(ExpectedConditions.textToBePresentInElementLocated(By.id("rows"), "Disk full"));
    shoot("console-incidents-phone");
    await().atMost(Duration.ofSeconds(30)).until(() -> inboxCount(account, "sms") > 0);
    browser.findElement(By.linkText("Inbox")).click();
    var open = waitFor(By.partialLinkText("Open incident #"));
    shoot("console-inbox-phone");
    open.click();

    assertThat(waitFor(By.id("status")).getText()).isEqualToIgnoringCase("triggered");
    assertThat(browser.getTitle()).contains("Disk full on db-01");
    // What the monitor sent, readable: details as text (never markup), only web links followable.
    var alerts = browser.findElement(By.id("alerts"));
    assertThat(alerts.getText())
        .contains("mountpoint")
        .contains("/var/lib/postgresql")
        .contains("<script>alert(1)</script>")
        .contains("Not a link");
    assertThat(alerts.findElement(By.linkText("Runbook")).getAttribute("href"))
        .isEqualTo("https://runbooks.example.com/disk-full");
    assertThat(alerts.findElements(By.linkText("Not a link"))).isEmpty();
    assertPhoneFriendly();
    shoot("console-incident-phone");

    browser.findElement(By.id("acknowledge")).click();
    new WebDriverWait(browser, Duration.ofSeconds(15))
        .until(ExpectedConditions.textToBe(By.id("status"), "ACKNOWLEDGED"));
    assertThat(browser.findElement(By.cssSelector(".notice")).getText()).contains("acknowledged");
    waitForTextContaining(By.cssSelector(".timeline"), "by Rita via console");
    assertPhoneFriendly();
    shoot("console-incident-acknowledged-phone");

    new org.openqa.selenium.support.ui.Select(browser.findElement(By.id("priority")))
        .selectByVisibleText("P2");
    browser.findElement(By.xpath("//button[. = 'Set priority']")).click();
    waitForText(By.cssSelector(".notice"), "Priority set to P2.");
    waitFor(By.id("note")).sendKeys("Looking at db-01");
    browser.findElement(By.xpath("//button[. = 'Add note']")).click();
    waitForTextContaining(By.cssSelector(".timeline"), "Looking at db-01", "P2");

    String number = browser.getCurrentUrl().replaceAll(".*/console/incidents/(\\d+).*", "$1");
    var api = http().get("/api/v1/incidents/" + number, tokens.create(account, "check"));
    assertThat(api.json().at("/incident/status").asString()).isEqualTo("acknowledged");
  }

  @Test
  void aTenantAccountantSeesTheInvoiceButCannotApproveIt() {
    Team team = newTeam(60);
    JsonNode draft = draftInvoice(team);
    String accountant = person(team.accountId(), "Carol", "accountant");

    desktop();
    logIn(accountant);
    // A draft has no number yet (docs/decisions/0053): its link is found by the invoice's id.
    browser
        .findElement(By.cssSelector("a[href$='/invoices/" + draft.get("id").asLong() + "']"))
        .click();
    assertThat(waitFor(By.id("invoice-status")).getText()).isEqualToIgnoringCase("draft");
    assertThat(browser.findElement(By.id("invoice-total")).getText()).isEqualTo("216.00 USD");
    assertThat(browser.findElement(By.linkText("PDF")).getAttribute("href"))
        .endsWith("/api/v1/invoices/" + draft.get("id").asLong() + "/pdf");
    assertThat(browser.findElements(By.id("approve"))).isEmpty();
    assertThat(browser.findElements(By.xpath("//button[contains(., 'Approve')]"))).isEmpty();
    shoot("console-invoice-accountant");

    // The same form, forged with the page's own CSRF token: refused, and nothing changes.
    String approve =
        "/console/operator/accounts/%d/invoices/%d/approve"
            .formatted(team.accountId(), draft.get("id").asLong());
    Object status =
        ((JavascriptExecutor) browser)
            .executeAsyncScript(
                """
                const done = arguments[arguments.length - 1];
                const headers = JSON.parse(document.body.getAttribute('hx-headers'));
                headers['Content-Type'] = 'application/x-www-form-urlencoded';
                fetch(arguments[0], {method: 'POST', headers: headers,
                                     body: 'description=x&amount=-1&reason=x', redirect: 'manual'})
                  .then(r => done(r.status), e => done(String(e)));""",
                approve);
    assertThat(status).isEqualTo(403L);
    JsonNode after =
        http().get("/api/v1/invoices/" + draft.get("id").asLong(), team.token()).json();
    assertThat(after.at("/invoice/status").asString()).isEqualTo("draft");
  }

  @Test
  void aTenantAccountantDownloadsTheMailedInvoiceFromTheInbox() {
    Team team = newTeam(60);
    long mail = invoiceMailed(team);
    String file =
        jdbc.sql("select attachment_name from billing_emails where id = ?")
            .param(mail)
            .query(String.class)
            .single();
    assertThat(file).endsWith(".pdf");
    String accountant = person(team.accountId(), "Carol", "accountant");

    desktop();
    logIn(accountant);
    browser.findElement(By.linkText("Inbox")).click();
    var card = waitFor(By.id("billing-mail-" + mail));
    assertThat(card.findElement(By.cssSelector(".subject")).getText()).startsWith("Invoice");
    assertThat(card.getText()).contains("ap@example.com");
    var download = card.findElement(By.cssSelector("a.attachment"));
    assertThat(download.getText()).isEqualTo("Download " + file);
    shoot("console-inbox-billing-mail");

    // The download, fetched with the browser's own session.
    Object answer =
        ((JavascriptExecutor) browser)
            .executeAsyncScript(
                """
                const done = arguments[arguments.length - 1];
                fetch(arguments[0]).then(async r => {
                  const bytes = new Uint8Array(await r.arrayBuffer());
                  done([String(r.status), r.headers.get('Content-Type'),
                        r.headers.get('Content-Disposition'),
                        String.fromCharCode(...bytes.slice(0, 4))]);
                }, e => done([String(e)]));""",
                download.getAttribute("href"));
    assertThat(answer)
        .asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.LIST)
        .satisfiesExactly(
            status -> assertThat(status).isEqualTo("200"),
            type -> assertThat((String) type).startsWith("application/pdf"),
            disposition -> assertThat((String) disposition).startsWith("attachment").contains(file),
            start -> assertThat(start).isEqualTo("%PDF"));
  }

  @Test
  void theOperatorApprovesWithAnAdjustmentAndRecordsAPartialCheck() {
    Team team = newTeam(60);
    JsonNode draft = draftInvoice(team);
    String olivia = operatorPerson("operator_accountant");

    desktop();
    logIn(olivia);
    assertThat(browser.getCurrentUrl()).endsWith("/console/operator/invoices");
    // A draft has no number yet (docs/decisions/0053): its link is found by the invoice's id.
    browser
        .findElement(By.cssSelector("a[href$='/invoices/" + draft.get("id").asLong() + "']"))
        .click();
    waitFor(By.id("adj-description")).sendKeys("Welcome credit");
    browser.findElement(By.id("adj-amount")).sendKeys("-20.00");
    browser.findElement(By.id("adj-reason")).sendKeys("new customer");
    shoot("console-operator-approve");
    browser.findElement(By.id("approve")).click();

    assertThat(waitFor(By.cssSelector(".notice")).getText()).contains("approved and sent");
    assertThat(browser.findElement(By.id("invoice-status")).getText())
        .isEqualToIgnoringCase("open");
    assertThat(browser.findElement(By.id("invoice-total")).getText()).isEqualTo("196.00 USD");
    assertThat(browser.findElement(By.cssSelector("table")).getText())
        .contains("Welcome credit")
        .contains("new customer");

    browser.findElement(By.id("check-amount")).sendKeys("100.00");
    browser.findElement(By.id("check-number")).sendKeys("1001");
    browser.findElement(By.id("record-check")).click();
    assertThat(waitFor(By.cssSelector(".notice")).getText()).contains("Check 1001 recorded");
    assertThat(browser.findElement(By.id("invoice-balance")).getText()).isEqualTo("96.00 USD");
    assertThat(browser.findElement(By.id("invoice-status")).getText())
        .isEqualToIgnoringCase("open");
    shoot("console-operator-partial-check");

    var api = http().get("/api/v1/invoices/" + draft.get("id").asLong(), team.token()).json();
    assertThat(api.at("/invoice/balance_minor").asLong()).isEqualTo(9600);
    assertThat(api.at("/invoice/payments/0/check_number").asString()).isEqualTo("1001");

    // The tenant's accountant sees the check, what is still owed and the month so far.
    desktop();
    logIn(person(team.accountId(), "Carol", "accountant"));
    browser.findElement(By.linkText("Usage")).click();
    assertThat(waitFor(By.id("payments")).getText()).contains("100.00 USD").contains("check 1001");
    assertThat(browser.findElement(By.id("balance")).getText()).contains("96.00 USD");
    long previewTotal =
        http()
            .get("/api/v1/billing/preview", team.token())
            .json()
            .at("/preview/total_minor")
            .asLong();
    assertThat(browser.findElement(By.id("preview-total")).getText())
        .isEqualTo(java.math.BigDecimal.valueOf(previewTotal, 2).toPlainString() + " USD");
    shoot("console-accountant-usage");
  }

  @Test
  void theOperatorAdminOpensSuspendsAndReactivatesAnAccountAndCreditsAnInvoice() {
    String name = "Northwind " + suffix();
    desktop();
    logIn(operatorPerson("operator_admin"));
    browser.findElement(By.linkText("Accounts")).click();
    waitFor(By.id("account-name")).sendKeys(name);
    browser.findElement(By.id("account-country")).sendKeys("gb");
    typeOver(By.id("account-currency"), "GBP");
    typeOver(By.id("account-time-zone"), "Europe/London");
    browser.findElement(By.id("admin-name")).sendKeys("Nora");
    browser.findElement(By.id("admin-email")).sendKeys("nora-" + suffix() + "@example.com");
    browser.findElement(By.id("create-account")).click();

    String link = waitFor(By.id("invitation")).getText();
    assertThat(link).startsWith(environment.getProperty("vigil.public-url") + "/invitations/");
    assertThat(http().get(java.net.URI.create(link).getPath(), null).status()).isEqualTo(200);
    String listed =
        browser.findElement(By.id("accounts")).findElement(By.partialLinkText(name)).getText();
    assertThat(listed).contains("ACTIVE").contains("BILLING OK").contains("GB · GBP");
    shoot("console-operator-accounts");
    assertPhoneFriendlyOnAPhone();
    shoot("console-operator-accounts-phone");
    assertThat(browser.findElements(By.id("invitation"))).as("the link is shown once").isEmpty();

    long account =
        jdbc.sql("select id from accounts where name = ?").param(name).query(Long.class).single();
    String token = tokens.create(account, "check");
    assertThat(http().get("/api/v1/incidents", token).status()).isEqualTo(200);
    browser.findElement(By.partialLinkText(name)).click();
    waitFor(By.id("suspend")).click();
    browser.switchTo().alert().accept();
    waitForText(By.id("account-status"), "SUSPENDED");
    HttpDriver.Response refused = http().get("/api/v1/incidents", token);
    assertThat(refused.status()).isEqualTo(401);
    assertThat(refused.body()).contains("account_suspended");
    waitFor(By.id("reactivate")).click();
    browser.switchTo().alert().accept();
    waitForText(By.id("account-status"), "ACTIVE");
    assertThat(http().get("/api/v1/incidents", token).status()).isEqualTo(200);

    // An approved invoice: 216.00 USD owed, credited 10.00, then part-paid and not voidable.
    Team team = newTeam(60);
    JsonNode draft = draftInvoice(team);
    long invoice = draft.get("id").asLong();
    String approve =
        "/api/v1/operator/accounts/%d/invoices/%d/approve".formatted(team.accountId(), invoice);
    String operator = operatorToken("operator_admin");
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> http().postJson(approve, operator, "{}").status() == 200);
    ((ChromeDriver) browser).executeCdpCommand("Emulation.clearDeviceMetricsOverride", Map.of());
    browser.get("http://127.0.0.1:" + port + "/console/operator/accounts/" + team.accountId());
    assertThat(waitFor(By.id("billing-profile")).getText()).contains("check");
    // Drafts have no number; the approved invoice is found by its link.
    browser.findElement(By.cssSelector("a[href$='/invoices/" + invoice + "']")).click();
    assertThat(waitFor(By.id("invoice-balance")).getText()).isEqualTo("216.00 USD");
    browser.findElement(By.id("credit-amount")).sendKeys("10.00");
    browser.findElement(By.id("credit-reason")).sendKeys("outage on the 3rd");
    browser.findElement(By.id("issue-credit-note")).click();
    assertThat(waitFor(By.cssSelector(".notice")).getText()).contains("Credit note CN-");
    assertThat(browser.findElement(By.id("invoice-balance")).getText()).isEqualTo("206.00 USD");
    assertThat(browser.findElement(By.id("invoice-credited")).getText()).isEqualTo("10.00 USD");
    assertThat(browser.findElement(By.id("credit-notes")).getText())
        .contains("CN-")
        .contains("outage on the 3rd");
    JsonNode api = http().get("/api/v1/invoices/" + invoice, team.token()).json();
    assertThat(api.at("/invoice/balance_minor").asLong()).isEqualTo(20600);
    assertThat(api.at("/invoice/credit_notes/0/amount_minor").asLong()).isEqualTo(1000);
    assertThat(api.at("/invoice/credit_notes/0/reason").asString()).isEqualTo("outage on the 3rd");

    browser.findElement(By.id("check-amount")).sendKeys("50.00");
    browser.findElement(By.id("check-number")).sendKeys("2002");
    browser.findElement(By.id("record-check")).click();
    waitForText(
        By.cssSelector(".notice"),
        "Check 2002 recorded on " + api.at("/invoice/number").asString() + ".");
    browser.findElement(By.id("void-reason")).sendKeys("sent in error");
    browser.findElement(By.id("void")).click();
    assertThat(waitFor(By.id("void-refusal")).getText())
        .contains("invoice has payments recorded: mark it uncollectible instead");
    assertThat(browser.findElement(By.id("void-reason")).getAttribute("value"))
        .as("what was typed is kept")
        .isEqualTo("sent in error");
    assertThat(browser.findElement(By.id("invoice-status")).getText())
        .isEqualToIgnoringCase("open");
    shoot("console-operator-void-refused");
    assertThat(
            http()
                .get("/api/v1/invoices/" + invoice, team.token())
                .json()
                .at("/invoice/status")
                .asString())
        .isEqualTo("open");
  }

  @Test
  void supportFindsTheIncidentAndReadsWhyBobWasPagedLater() {
    long account = setup.createAccount("Support " + suffix(), "US", "UTC");
    String suffix = suffix();
    long alice =
        setup.createUser(account, "Alice Smith", "alice-" + suffix + "@example.com", "admin");
    setup.addContactMethod(account, alice, "phone", "+14155550123");
    long bob =
        setup.createUser(account, "Bob Jones", "bob-" + suffix + "@example.com", "responder");
    // The smallest delay the test support allows: seconds, where the API speaks in minutes.
    long policy =
        setup.createPolicy(
            account,
            "Primary",
            0,
            List.of(
                new OnCallSetup.LevelSpec(LEVEL_DELAY_SECONDS, List.of(alice)),
                new OnCallSetup.LevelSpec(600, List.of(bob))));
    String routingKey = UUID.randomUUID().toString().replace("-", "");
    long service = setup.createService(account, "Checkout", policy, "severity", routingKey);
    assertThat(sendTrigger(routingKey, "disk-full", "Disk full on db-01").status()).isEqualTo(202);
    // Nobody acknowledges: Bob's level pages him once Alice's delay is over.
    long number =
        await()
            .atMost(Duration.ofSeconds(30))
            .until(
                () ->
                    jdbc.sql(
                            """
                            select i.number from incidents i join notifications n
                                on n.incident_id = i.id
                            where i.account_id = ? and n.user_id = ? and n.status = 'sent'""")
                        .params(account, bob)
                        .query(Long.class)
                        .optional()
                        .orElse(0L),
                found -> found > 0);
    String sam = person(account, "Sam", "support");

    desktop();
    logIn(sam);
    browser.findElement(By.id("search-link")).click();
    waitFor(By.id("search-number")).sendKeys("#" + number);
    browser.findElement(By.id("search-submit")).click();
    waitFor(By.id("found")).findElement(By.partialLinkText("#" + number + " Disk full")).click();

    // On the incident page: why Bob was paged, and the raw history's link for support.
    assertThat(waitFor(By.id("why-" + bob)).getText())
        .contains("Bob Jones was paged at")
        .contains("by level 2 of \"Primary\", which names them directly")
        .containsPattern("Level 2 was due at \\d\\d:\\d\\d:\\d\\d, \\d+ s after level 1");
    assertThat(browser.findElement(By.id("temporal-ui")).getAttribute("href"))
        .startsWith("http://temporal-ui.test:8233/namespaces/");
    ((JavascriptExecutor) browser)
        .executeScript("document.getElementById('why-paged').scrollIntoView();");
    shoot("console-support-incident");
    browser.findElement(By.id("plain-history")).click();
    List<String> lines =
        waitFor(By.id("history")).findElements(By.tagName("li")).stream()
            .map(org.openqa.selenium.WebElement::getText)
            .map(t -> t.replaceAll("^[A-Z][a-z]+day \\d+ \\w+ \\d{4}\\n", ""))
            .toList();
    String alicePage = line(lines, "SMS to Alice Smith's phone (…0123) via dev-inbox, sent");
    assertThat(line(lines, "Waiting ")).contains("for an acknowledgement").contains("then level 2");
    assertThat(line(lines, "Escalated to level 2 (no acknowledgement "))
        .contains("after level 1): assigned to Bob Jones");
    String bobPage = line(lines, "Email to Bob Jones's email (b…@example.com) via dev-inbox");
    long apart =
        Duration.between(
                java.time.LocalTime.parse(alicePage.substring(0, 8)),
                java.time.LocalTime.parse(bobPage.substring(0, 8)))
            .toSeconds();
    assertThat(apart)
        .as("Bob paged the level's delay after Alice")
        .isBetween((long) LEVEL_DELAY_SECONDS, LEVEL_DELAY_SECONDS + 4L);
    assertThat(String.join("\n", lines)).doesNotContain("4155550123");
    assertThat(browser.findElement(By.id("why-paged")).getText()).contains("Bob Jones was paged");
    shoot("console-support-history");

    // Who the service would page now: the same two levels, Alice at once and Bob after her delay.
    browser.findElement(By.linkText("Who's paged")).click();
    select(By.id("dry-run-service"), "Checkout");
    browser.findElement(By.id("dry-run-submit")).click();
    List<String> levels =
        waitFor(By.id("dry-run-levels"))
            .findElements(By.cssSelector("#dry-run-levels > li"))
            .stream()
            .map(org.openqa.selenium.WebElement::getText)
            .toList();
    assertThat(levels).hasSize(2);
    assertThat(levels.get(0))
        .contains("level 1", "Alice Smith", "SMS to +1******0123", "(at once)")
        .doesNotContain("4155550123");
    assertThat(levels.get(1)).contains("level 2", "Bob Jones", "Email to b*");
    shoot("console-support-dry-run");

    phone();
    logIn(sam);
    browser.get("http://127.0.0.1:" + port + "/console/incidents/" + number + "/history");
    waitFor(By.id("history"));
    assertPhoneFriendly();
    shoot("console-support-history-phone");
    browser.get("http://127.0.0.1:" + port + "/console/services/dry_run?service=" + service);
    waitFor(By.id("dry-run-levels"));
    assertPhoneFriendly();
  }

  /** The line of the support history that contains the words. */
  private static String line(List<String> lines, String words) {
    return lines.stream()
        .filter(l -> l.contains(words))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no line with '" + words + "' in " + lines));
  }

  @Test
  void anAdminSetsUpAServiceWithATwoLevelPolicyAndItsAlertmanagerSnippetWorks() {
    long account = setup.createAccount("Admin " + suffix(), "US", "UTC");
    String ada = person(account, "Ada", "admin");
    long adaId = userId(ada);
    setup.createUser(account, "Ben", "ben-" + suffix() + "@example.com", "responder");
    setup.createSchedule(account, "Primary rota", "UTC");
    setup.createPolicy(
        account, "Default", 0, List.of(new OnCallSetup.LevelSpec(600, List.of(adaId))));

    desktop();
    logIn(ada);
    // A service needs a policy: refused in the API's words, the typed name kept.
    browser.findElement(By.linkText("Services")).click();
    waitFor(By.id("new-service")).click();
    waitFor(By.id("name")).sendKeys("Checkout");
    browser.findElement(By.id("description")).sendKeys("Payment pages");
    browser.findElement(By.id("save-service")).click();
    assertThat(waitFor(By.cssSelector(".problem")).getText())
        .contains("'escalation_policy_id' must not be null");
    assertThat(browser.findElement(By.id("name")).getAttribute("value")).isEqualTo("Checkout");
    assertThat(browser.findElement(By.id("description")).getAttribute("value"))
        .isEqualTo("Payment pages");
    select(By.id("escalationPolicyId"), "Default");
    browser.findElement(By.id("save-service")).click();
    assertThat(waitFor(By.cssSelector(".notice")).getText()).contains("Service Checkout created");
    String servicePage = browser.getCurrentUrl();
    long serviceId = Long.parseLong(servicePage.replaceAll(".*/services/(\\d+).*", "$1"));

    // The two-level policy: Ada at once, then Ben and the rota's on-call after 5 minutes.
    browser.findElement(By.linkText("Policies")).click();
    waitFor(By.id("new-policy")).click();
    waitFor(By.id("name")).sendKeys("Checkout primary");
    browser.findElement(By.id("repeatCount")).clear();
    browser.findElement(By.id("repeatCount")).sendKeys("1");
    browser.findElement(By.id("delay_0")).sendKeys("5");
    select(By.id("targets_0"), "Ada");
    browser.findElement(By.id("delay_1")).sendKeys("ten");
    select(By.id("targets_1"), "Ben");
    select(By.id("targets_1"), "Primary rota");
    browser.findElement(By.id("save-policy")).click();
    assertThat(waitFor(By.cssSelector(".problem")).getText())
        .contains("'levels[1].delay_minutes' must be a whole number");
    assertThat(browser.findElement(By.id("name")).getAttribute("value"))
        .isEqualTo("Checkout primary");
    assertThat(selected(By.id("targets_1"))).containsExactly("Ben", "Primary rota");
    browser.findElement(By.id("delay_1")).clear();
    browser.findElement(By.id("delay_1")).sendKeys("10");
    browser.findElement(By.id("save-policy")).click();
    assertThat(waitFor(By.cssSelector(".notice")).getText())
        .contains("Policy Checkout primary created");
    assertThat(selected(By.id("targets_0"))).containsExactly("Ada");
    assertThat(selected(By.id("targets_1"))).containsExactly("Ben", "Primary rota");
    assertPhoneFriendlyOnAPhone();
    shoot("console-admin-policy-phone");
    ((ChromeDriver) browser).executeCdpCommand("Emulation.clearDeviceMetricsOverride", Map.of());

    // Attach it to the service.
    browser.get(servicePage);
    select(By.id("escalationPolicyId"), "Checkout primary");
    browser.findElement(By.id("save-service")).click();
    assertThat(waitFor(By.cssSelector(".notice")).getText()).contains("Settings saved");
    String token = tokens.create(account, "check");
    JsonNode service = http().get("/api/v1/services/" + serviceId, token).json().at("/service");
    JsonNode policy =
        http()
            .get("/api/v1/escalation_policies/" + service.get("escalation_policy_id"), token)
            .json()
            .at("/escalation_policy");
    assertThat(policy.get("name").asString()).isEqualTo("Checkout primary");
    assertThat(policy.at("/levels/1/delay_minutes").asInt()).isEqualTo(10);
    assertThat(policy.at("/levels/1/targets").size()).isEqualTo(2);

    // The Alertmanager snippet names the key and Vigil's Events API ...
    String routingKey = browser.findElement(By.cssSelector(".routing-key")).getText();
    var snippet = browser.findElement(By.cssSelector("pre[id^=alertmanager-]"));
    String config = snippet.getText();
    String eventsUrl = environment.getProperty("vigil.public-url") + "/v2/enqueue";
    assertThat(config)
        .contains("pagerduty_configs:")
        .contains("routing_key: " + routingKey)
        .contains("url: " + eventsUrl);
    var copy = snippet.findElement(By.xpath("following-sibling::button[1]"));
    copy.click();
    new WebDriverWait(browser, Duration.ofSeconds(5)).until(d -> !copy.getText().equals("Copy"));
    shoot("console-admin-service");

    // ... and works: an event posted as Alertmanager would, with the snippet's key to the
    // snippet's path (the test's server listens on a random port, not the configured one).
    java.util.regex.Matcher url = java.util.regex.Pattern.compile("url: (\\S+)").matcher(config);
    java.util.regex.Matcher key =
        java.util.regex.Pattern.compile("routing_key: (\\S+)").matcher(config);
    assertThat(url.find() && key.find()).isTrue();
    var sent =
        http()
            .postJson(
                java.net.URI.create(url.group(1)).getPath(),
                """
                {"routing_key": "%s", "event_action": "trigger", "dedup_key": "snippet",
                 "payload": {"summary": "Checkout is down", "source": "alertmanager",
                   "severity": "critical"}}"""
                    .formatted(key.group(1)));
    assertThat(sent.status()).as(sent.body()).isEqualTo(202);
    JsonNode incident =
        await()
            .atMost(Duration.ofSeconds(30))
            .until(
                () -> http().get("/api/v1/incidents", token).json().at("/incidents/0"),
                found -> !found.isMissingNode());
    assertThat(incident.at("/service/id").asLong()).isEqualTo(serviceId);
    assertThat(incident.get("title").asString()).isEqualTo("Checkout is down");

    // Rotating the key: a new one, then the old one retired (after a confirmation).
    browser.findElement(By.id("add-key")).click();
    assertThat(waitFor(By.cssSelector(".notice")).getText()).contains("new integration key");
    assertThat(browser.findElements(By.cssSelector(".routing-key"))).hasSize(2);
    browser
        .findElement(By.xpath("//div[contains(@class,'key')][.//code[. = '" + routingKey + "']]"))
        .findElement(By.xpath(".//button[. = 'Retire key']"))
        .click();
    new WebDriverWait(browser, Duration.ofSeconds(5))
        .until(ExpectedConditions.alertIsPresent())
        .accept();
    assertThat(waitFor(By.cssSelector(".notice")).getText()).contains("retired");
    assertThat(browser.findElements(By.cssSelector(".routing-key")))
        .singleElement()
        .extracting(e -> e.getText())
        .isNotEqualTo(routingKey);
    assertThat(
            http()
                .postJson(
                    "/v2/enqueue",
                    """
                    {"routing_key": "%s", "event_action": "trigger",
                     "payload": {"summary": "x", "source": "x", "severity": "info"}}"""
                        .formatted(routingKey))
                .status())
        .isEqualTo(400);

    // Grouping and maintenance, set through the API, are shown with their values.
    assertThat(
            http()
                .putJson(
                    "/api/v1/services/" + serviceId + "/alert_grouping",
                    token,
                    "{\"type\": \"time\", \"time_window_minutes\": 10}")
                .status())
        .isEqualTo(200);
    var window =
        http()
            .postJson(
                "/api/v1/maintenance_windows",
                token,
                """
                {"service_id": %d, "description": "Database upgrade",
                 "starts_at": "2099-12-01T22:00:00Z", "ends_at": "2099-12-02T01:00:00Z"}"""
                    .formatted(serviceId));
    assertThat(window.status()).as(window.body()).isEqualTo(201);
    browser.navigate().refresh();
    assertThat(waitFor(By.id("grouping")).getText()).contains("within 10 minutes");
    assertThat(browser.findElement(By.id("maintenance")).getText())
        .contains("2099-12-01 22:00:00 UTC to 2099-12-02 01:00:00 UTC: Database upgrade");
    assertPhoneFriendlyOnAPhone();
    shoot("console-admin-service-phone");
    // Inviting someone: the link to choose a password, once.
    browser.get("http://127.0.0.1:" + port + "/console/admin/users");
    assertThat(waitFor(By.id("users")).getText()).contains(ada).contains("admin");
    waitFor(By.id("invite-name")).sendKeys("Cleo");
    browser.findElement(By.id("invite-email")).sendKeys("cleo-" + suffix() + "@example.com");
    select(By.id("invite-role"), "support");
    browser.findElement(By.id("send-invite")).click();
    String link = waitFor(By.id("invitation")).getText();
    assertThat(link).startsWith(environment.getProperty("vigil.public-url") + "/invitations/");
    assertThat(http().get(java.net.URI.create(link).getPath(), null).status()).isEqualTo(200);
    assertThat(browser.findElement(By.id("users")).getText()).contains("Cleo").contains("support");
    assertPhoneFriendly();
    browser.get("http://127.0.0.1:" + port + "/console/admin/services");
    waitFor(By.id("new-service"));
    assertPhoneFriendly();
  }

  @Test
  void anAdminCoversAShiftWithAnOverrideByPickingItOnTheTimeline() {
    long account = setup.createAccount("Timeline " + suffix(), "US", "UTC");
    String ada = person(account, "Ada", "admin");
    long adaId = userId(ada);
    long samId = userId(person(account, "Sam", "responder"));
    long ritaId = userId(person(account, "Rita", "responder"));
    long schedule = setup.createSchedule(account, "Primary rota", "UTC");
    LocalDate weekAgo = LocalDate.now(ZoneOffset.UTC).minusDays(7);
    setup.addLayer(
        account,
        schedule,
        1,
        "Days",
        weekAgo.atStartOfDay(ZoneOffset.UTC).toInstant(),
        weekAgo.atStartOfDay(),
        1,
        "days",
        List.of(samId, ritaId));
    String token = tokens.createForUser(account, adaId, "admin");
    // Shift 0 runs until midnight; shift 1 is tomorrow, a whole day of Sam's or Rita's.
    JsonNode tomorrow =
        http().get("/api/v1/schedules/" + schedule + "/shifts", token).json().at("/final_shifts/1");
    String coveredName = tomorrow.at("/user/name").asString();

    phone();
    logIn(ada);
    browser.findElement(By.linkText("Schedules")).click();
    waitFor(By.id("schedule-" + schedule)).click();
    assertThat(waitFor(By.id("timeline")).getText()).contains("Sam").contains("Rita");
    assertThat(browser.findElement(By.id("layers")).getText()).contains("Days");
    waitFor(By.cssSelector("#shift-1 > summary")).click();
    assertThat(browser.findElement(By.cssSelector("#shift-1 > summary")).getText())
        .contains(coveredName);
    select(By.id("override-user-1"), "Ada");
    assertPhoneFriendly();
    shoot("console-schedule-override-phone");
    browser.findElement(By.id("add-override-1")).click();

    assertThat(waitFor(By.cssSelector(".notice")).getText()).startsWith("Ada is on call from");
    assertThat(browser.findElement(By.id("timeline")).getText()).contains("Ada");
    assertThat(browser.findElement(By.cssSelector("#shift-1 > summary")).getText())
        .contains("Ada")
        .containsIgnoringCase("override");
    assertThat(browser.findElement(By.id("overrides")).getText()).contains("Ada");
    shoot("console-schedule-phone");
    // The engine agrees: Ada is on call for exactly the shift that was picked.
    JsonNode after =
        http().get("/api/v1/schedules/" + schedule + "/shifts", token).json().at("/final_shifts/1");
    assertThat(after.at("/user/id").asLong()).isEqualTo(adaId);
    assertThat(after.at("/start").asString()).isEqualTo(tomorrow.at("/start").asString());
    assertThat(after.at("/end").asString()).isEqualTo(tomorrow.at("/end").asString());
  }

  @Test
  void anAdminCreatesAWeeklyScheduleMakesItDailyAndAResponderCannotEditIt() {
    long account = setup.createAccount("Rota " + suffix(), "US", "UTC");
    String ada = person(account, "Ada", "admin");
    long adaId = userId(ada);
    String sam = person(account, "Sam", "responder");
    person(account, "Rita", "responder");
    String token = tokens.createForUser(account, adaId, "admin");
    java.time.ZoneId berlin = java.time.ZoneId.of("Europe/Berlin");
    // Sam's week began four days ago at 09:00 Berlin time: Rita takes over in three days.
    java.time.LocalDateTime handoff = LocalDate.now(berlin).minusDays(4).atTime(9, 0);

    phone();
    logIn(ada);
    browser.findElement(By.linkText("Schedules")).click();
    waitFor(By.id("new-schedule")).click();
    typeOver(By.id("schedule-name"), "Weekly rota");
    select(By.id("schedule-zone"), "Europe/Berlin");
    typeOver(By.id("layer-name"), "Weeks");
    typeOver(By.id("layer-length"), "1");
    select(By.id("layer-unit"), "weeks");
    ((JavascriptExecutor) browser)
        .executeScript(
            "document.getElementById('layer-handoff').value = arguments[0];", handoff.toString());
    assertPhoneFriendly();
    // Nobody in turn: refused naming the field, nothing stored.
    browser.findElement(By.id("create-schedule")).click();
    assertThat(waitFor(By.cssSelector(".problem")).getText()).contains("'members'");
    assertThat(http().get("/api/v1/schedules", token).json().at("/schedules")).isEmpty();
    assertThat(browser.findElement(By.id("schedule-name")).getAttribute("value"))
        .as("what was typed stays")
        .isEqualTo("Weekly rota");

    select(By.id("layer-member-0"), "Sam");
    select(By.id("layer-member-1"), "Rita");
    browser.findElement(By.id("create-schedule")).click();
    waitForText(By.cssSelector(".notice"), "Schedule created.");
    long schedule = http().get("/api/v1/schedules", token).json().at("/schedules/0/id").asLong();
    JsonNode layer = http().get("/api/v1/schedules/" + schedule, token).json().at("/schedule");
    assertThat(layer.at("/time_zone").asString()).isEqualTo("Europe/Berlin");
    assertThat(layer.at("/layers/0/rotation/unit").asString()).isEqualTo("weeks");
    assertThat(layer.at("/layers/0/rotation/first_handoff").asString()).isEqualTo(handoff + ":00");
    // Days are counted from today on Berlin's clock: Sam until day 3's 09:00, then Rita.
    assertThat(browser.findElement(By.id("day-2")).getText())
        .contains("Sam")
        .doesNotContain("Rita");
    assertThat(browser.findElement(By.id("day-3")).getText()).contains("Sam").contains("Rita");
    assertThat(browser.findElement(By.id("day-4")).getText())
        .contains("Rita")
        .doesNotContain("Sam");
    shoot("console-admin-schedule-created-phone");

    browser.findElement(By.cssSelector("#edit-layer-0 > summary")).click();
    select(By.id("layer-0-unit"), "days");
    assertPhoneFriendly();
    browser.findElement(By.id("save-layer-0")).click();
    waitForText(By.cssSelector(".notice"), "Layer changed.");
    // Daily turns from the same hand-off: they alternate at 09:00 every day.
    assertThat(browser.findElement(By.id("day-2")).getText()).contains("Sam").contains("Rita");
    assertThat(browser.findElement(By.id("day-4")).getText()).contains("Sam").contains("Rita");
    assertThat(
            http()
                .get("/api/v1/schedules/" + schedule, token)
                .json()
                .at("/schedule/layers/0/rotation/unit")
                .asString())
        .isEqualTo("days");

    // A layer on top without a turn length: refused naming the field, nothing stored.
    browser.findElement(By.cssSelector("#add-layer > summary")).click();
    typeOver(By.id("new-layer-name"), "Nights");
    select(By.id("new-layer-member-0"), "Ada");
    browser.findElement(By.id("new-layer-length")).clear();
    typeOver(By.id("new-layer-daily-minutes"), "600");
    ((JavascriptExecutor) browser)
        .executeScript(
            "document.getElementById('new-layer-daily-from').value = '20:00';"
                + "document.getElementById('new-layer-handoff').value = arguments[0];",
            handoff.toString());
    browser.findElement(By.id("save-new-layer")).click();
    assertThat(waitFor(By.cssSelector(".problem")).getText())
        .contains("'rotation.length' must be at least 1");
    String layers = "/schedule/layers";
    assertThat(http().get("/api/v1/schedules/" + schedule, token).json().at(layers).size())
        .isEqualTo(1);
    assertThat(browser.findElement(By.id("new-layer-name")).getAttribute("value"))
        .isEqualTo("Nights");
    typeOver(By.id("new-layer-length"), "1");
    browser.findElement(By.id("save-new-layer")).click();
    waitForText(By.cssSelector(".notice"), "Layer added.");
    JsonNode nights = http().get("/api/v1/schedules/" + schedule, token).json().at(layers + "/1");
    assertThat(nights.at("/name").asString()).isEqualTo("Nights");
    assertThat(nights.at("/restrictions/0/start_time").asString()).isEqualTo("20:00");
    assertThat(nights.at("/restrictions/0/duration_minutes").asLong()).isEqualTo(600);
    assertThat(browser.findElement(By.id("day-2")).getText()).contains("Ada");
    browser.findElement(By.cssSelector("#edit-layer-1 > summary")).click();
    waitFor(By.id("delete-layer-1")).click();
    browser.switchTo().alert().accept();
    waitForText(By.cssSelector(".notice"), "Layer deleted.");
    assertThat(http().get("/api/v1/schedules/" + schedule, token).json().at(layers).size())
        .isEqualTo(1);
    assertThat(browser.findElement(By.id("day-2")).getText()).doesNotContain("Ada");

    // A policy pages through it: deleting is refused with the API's reason.
    assertThat(
            http()
                .postJson(
                    "/api/v1/escalation_policies",
                    token,
                    """
                    {"name": "Rota policy", "levels": [{"delay_minutes": 5,
                      "targets": [{"type": "schedule", "id": %d}]}]}"""
                        .formatted(schedule))
                .status())
        .isEqualTo(201);
    browser.findElement(By.id("delete-schedule")).click();
    browser.switchTo().alert().accept();
    assertThat(waitFor(By.cssSelector(".problem")).getText()).contains("Rota policy");
    assertThat(http().get("/api/v1/schedules/" + schedule, token).status()).isEqualTo(200);

    // A responder reads the schedule but has none of the forms that change it.
    phone();
    logIn(sam);
    browser.findElement(By.linkText("Schedules")).click();
    waitFor(By.id("schedule-" + schedule)).click();
    assertThat(waitFor(By.id("timeline")).getText()).contains("Sam");
    assertThat(browser.findElements(By.id("edit-layer-0"))).isEmpty();
    assertThat(browser.findElements(By.id("add-layer"))).isEmpty();
    assertThat(browser.findElements(By.id("delete-schedule"))).isEmpty();
  }

  @Test
  void aResponderAddsAndDeletesANotificationRule() {
    long account = setup.createAccount("Rules " + suffix(), "US", "UTC");
    String rita = person(account, "Rita", "responder");
    long ritaId = userId(rita);
    String phone = "+1415555" + String.format("%04d", (int) (Math.random() * 10_000));
    setup.addContactMethod(account, ritaId, "phone", phone);
    String token = tokens.createForUser(account, ritaId, "responder");
    String rules = "/api/v1/users/" + ritaId + "/notification_rules";

    phone();
    logIn(rita);
    browser.findElement(By.linkText("Me")).click();
    assertThat(waitFor(By.id("rules")).getText()).contains("No rules yet");
    // E-mail over a phone is refused in the API's words, and nothing is added.
    select(By.id("rule-method"), "phone " + phone);
    select(By.id("rule-channel"), "E-mail");
    browser.findElement(By.id("add-rule")).click();
    assertThat(waitFor(By.cssSelector(".problem")).getText())
        .contains("email needs an email contact method");
    assertThat(http().get(rules, token).json().at("/notification_rules").size()).isZero();

    select(By.id("rule-urgency"), "High");
    select(By.id("rule-method"), "phone " + phone);
    select(By.id("rule-channel"), "Voice call");
    typeOver(By.id("rule-delay"), "5");
    browser.findElement(By.id("add-rule")).click();
    waitForText(By.cssSelector(".notice"), "Rule added.");
    assertThat(browser.findElement(By.id("rules")).getText())
        .contains("high urgency: voice to phone " + phone + " after 5 min");
    JsonNode rule = http().get(rules, token).json().at("/notification_rules/0");
    assertThat(rule.at("/channel").asString()).isEqualTo("voice");
    assertThat(rule.at("/delay_minutes").asInt()).isEqualTo(5);
    assertPhoneFriendly();
    shoot("console-me-rules-phone");

    browser.findElement(By.id("delete-rule-" + rule.at("/id").asLong())).click();
    waitForText(By.cssSelector(".notice"), "Rule removed.");
    assertThat(http().get(rules, token).json().at("/notification_rules").size()).isZero();
  }

  @Test
  void anAdminCreatesAnApiTokenSeesItOnceAndRevokesIt() {
    long account = setup.createAccount("Tokens " + suffix(), "US", "UTC");
    String ada = person(account, "Ada", "admin");
    person(account, "Sam", "responder");

    desktop();
    logIn(ada);
    browser.findElement(By.linkText("API tokens")).click();
    select(By.id("token-user"), "Sam (responder)");
    waitFor(By.id("token-name")).sendKeys("deploy pipeline");
    browser.findElement(By.id("create-token")).click();
    String secret = waitFor(By.id("token-secret")).getText();
    assertThat(secret).startsWith("vgl_");
    shoot("console-admin-token-created");
    assertThat(http().get("/api/v1/incidents", secret).status()).isEqualTo(200);
    assertThat(http().post("/api/v1/services", secret).status())
        .as("the token acts as Sam, a responder")
        .isEqualTo(403);

    browser.get("http://127.0.0.1:" + port + "/console/admin/tokens");
    String listed = waitFor(By.id("tokens")).getText();
    assertThat(listed).contains("deploy pipeline").contains("acts as Sam, responder");
    assertThat(listed).contains("last used");
    assertThat(browser.getPageSource()).as("shown once").doesNotContain(secret);
    assertPhoneFriendlyOnAPhone();
    shoot("console-admin-tokens-phone");

    long id =
        jdbc.sql("select id from api_tokens where account_id = ? and name = ?")
            .params(account, "deploy pipeline")
            .query(Long.class)
            .single();
    browser.findElement(By.id("revoke-" + id)).click();
    waitForText(By.cssSelector(".notice"), "Token revoked: it is refused from now on.");
    assertThat(browser.findElements(By.id("token-" + id))).isEmpty();
    assertThat(http().get("/api/v1/incidents", secret).status()).isEqualTo(401);
  }

  @Test
  void anAdminChangesARoleBackAndForthAndMakesATeam() {
    long account = setup.createAccount("People " + suffix(), "US", "UTC");
    String ada = person(account, "Ada", "admin");
    String rita = person(account, "Rita", "responder");
    String ben = person(account, "Ben", "responder");
    long ritaId = userId(rita);
    long benId = userId(ben);
    setup.createPolicy(
        account, "Primary", 0, List.of(new OnCallSetup.LevelSpec(600, List.of(ritaId))));

    String token = tokens.create(account, "check");

    desktop();
    logIn(ada);
    browser.findElement(By.linkText("People")).click();
    // Rita becomes an admin like Ada, then a responder again.
    waitFor(By.cssSelector("#person-" + ritaId + " > summary")).click();
    select(By.id("role-" + ritaId), "admin");
    browser.findElement(By.id("change-role-" + ritaId)).click();
    waitForText(By.cssSelector(".notice"), "Rita is now admin.");
    assertThat(http().get("/api/v1/users/" + ritaId, token).json().at("/user/role").asString())
        .isEqualTo("admin");
    waitFor(By.cssSelector("#person-" + ritaId + " > summary")).click();
    select(By.id("role-" + ritaId), "responder");
    browser.findElement(By.id("change-role-" + ritaId)).click();
    waitForText(By.cssSelector(".notice"), "Rita is now responder.");
    assertThat(waitFor(By.id("users")).getText()).contains(rita + " responder");
    // Removing her is refused while a policy pages her, in the API's words.
    waitFor(By.cssSelector("#person-" + ritaId + " > summary")).click();
    browser.findElement(By.id("remove-" + ritaId)).click();
    browser.switchTo().alert().accept();
    assertThat(waitFor(By.id("refusal")).getText())
        .contains("User " + ritaId + " is in use by escalation policy \"Primary\" level 1");
    assertThat(browser.findElement(By.id("users")).getText()).contains(rita);

    // A team of two, then one.
    typeOver(By.id("team-name"), "Payments");
    browser.findElement(By.id("create-team")).click();
    waitForText(By.cssSelector(".notice"), "Team Payments is made.");
    long team =
        jdbc.sql("select id from teams where account_id = ? and name = 'Payments'")
            .param(account)
            .query(Long.class)
            .single();
    select(By.id("member-" + team), "Rita (" + rita + ")");
    browser.findElement(By.id("add-member-" + team)).click();
    waitForText(By.cssSelector(".notice"), "Rita is in Payments.");
    select(By.id("member-" + team), "Ben (" + ben + ")");
    browser.findElement(By.id("add-member-" + team)).click();
    waitForText(By.cssSelector(".notice"), "Ben is in Payments.");
    assertThat(waitFor(By.id("members-" + team)).getText())
        .contains("Ben (responder)")
        .contains("Rita (responder)");
    assertPhoneFriendlyOnAPhone();
    ((JavascriptExecutor) browser)
        .executeScript("document.getElementById('team-" + team + "').scrollIntoView();");
    shoot("console-admin-people-phone");
    waitFor(By.id("unassign-" + team + "-" + benId)).click();
    waitForText(By.cssSelector(".notice"), "Ben is no longer in Payments.");
    assertThat(waitFor(By.id("members-" + team)).getText())
        .contains("Rita (responder)")
        .doesNotContain("Ben");
    JsonNode members = http().get("/api/v1/teams/" + team + "/members", token).json();
    assertThat(members.at("/members").size()).isEqualTo(1);
    assertThat(members.at("/members/0/id").asLong()).isEqualTo(ritaId);
    // A team that owns a service stays, with the API's reason; once it owns nothing it goes.
    long policy =
        jdbc.sql("select id from escalation_policies where account_id = ?")
            .param(account)
            .query(Long.class)
            .single();
    HttpDriver.Response service =
        http()
            .postJson(
                "/api/v1/services",
                token,
                """
                {"name": "Checkout", "team_id": %d, "escalation_policy_id": %d}"""
                    .formatted(team, policy));
    assertThat(service.status()).as(service.body()).isEqualTo(201);
    browser.navigate().refresh();
    waitFor(By.id("delete-team-" + team)).click();
    browser.switchTo().alert().accept();
    assertThat(waitFor(By.id("refusal")).getText())
        .isEqualTo("Team " + team + " is in use by service \"Checkout\": service \"Checkout\"");
    assertThat(browser.findElements(By.id("team-" + team))).hasSize(1);
    assertThat(
            http()
                .delete("/api/v1/services/" + service.json().at("/service/id").asLong(), token)
                .status())
        .isEqualTo(204);
    waitFor(By.id("delete-team-" + team)).click();
    browser.switchTo().alert().accept();
    waitForText(By.cssSelector(".notice"), "Team Payments is deleted.");
    assertThat(browser.findElements(By.id("team-" + team))).isEmpty();
    assertThat(http().get("/api/v1/teams/" + team, token).status()).isEqualTo(404);
  }

  @Test
  void anAdminAddsAHeartbeatMonitorSeesItsUrlOnceAndDeletesIt() {
    long account = setup.createAccount("Beats " + suffix(), "US", "UTC");
    String ada = person(account, "Ada", "admin");
    long policy =
        setup.createPolicy(
            account, "Primary", 0, List.of(new OnCallSetup.LevelSpec(600, List.of(userId(ada)))));
    long service = setup.createService(account, "Backups", policy, "high");

    desktop();
    logIn(ada);
    browser.get("http://127.0.0.1:" + port + "/console/admin/services/" + service);
    typeOver(By.id("heartbeat-name"), "nightly-backup");
    typeOver(By.id("heartbeat-interval"), "86400");
    browser.findElement(By.id("add-heartbeat")).click();
    String url = waitFor(By.id("ping-url")).getText();
    assertThat(url).startsWith(environment.getProperty("vigil.public-url") + "/heartbeats/");
    String ping = java.net.URI.create(url).getPath();
    assertThat(http().post(ping, null).status()).isEqualTo(202);

    browser.get("http://127.0.0.1:" + port + "/console/admin/services/" + service);
    String monitor = waitFor(By.id("heartbeats")).getText();
    assertThat(monitor).contains("nightly-backup").contains("every 86400 s").contains("last ping");
    assertThat(monitor).containsIgnoringCase("up");
    assertThat(browser.getPageSource()).as("the URL is shown once").doesNotContain(ping);
    ((JavascriptExecutor) browser)
        .executeScript("arguments[0].scrollIntoView()", browser.findElement(By.id("heartbeats")));
    shoot("console-admin-heartbeats");

    long id =
        jdbc.sql("select id from heartbeat_monitors where service_id = ?")
            .param(service)
            .query(Long.class)
            .single();
    browser.findElement(By.id("delete-heartbeat-" + id)).click();
    waitForText(By.cssSelector(".notice"), "Monitor deleted: its URL is refused from now on.");
    assertThat(browser.findElement(By.id("heartbeats")).getText()).contains("No monitors yet.");
    assertThat(http().post(ping, null).status()).isEqualTo(404);
  }

  @Test
  void anAdminSetsTimeGroupingAfterARefusalAndTheApiAgrees() {
    Team team = newTeam(60);
    long service = firstServiceId(team);
    desktop();
    logIn(person(team.accountId(), "Ada", "admin"));
    browser.get("http://127.0.0.1:" + port + "/console/admin/services/" + service);
    assertThat(waitFor(By.id("grouping-now")).getText()).startsWith("None");

    // Out of range: refused in the API's words, naming the field, and nothing stored.
    select(By.id("grouping-type"), "By time");
    typeOver(By.id("grouping-window"), "0");
    browser.findElement(By.id("save-grouping")).click();
    assertThat(waitFor(By.cssSelector("#grouping .problem")).getText())
        .contains("'time_window_minutes' must be between 1 and 1440");
    assertThat(browser.findElement(By.id("grouping-window")).getAttribute("value")).isEqualTo("0");
    String path = "/api/v1/services/" + service + "/alert_grouping";
    assertThat(http().get(path, team.token()).json().at("/alert_grouping/type").asString())
        .isEqualTo("none");
    // Content grouping with no field is refused too.
    select(By.id("grouping-type"), "By content");
    browser.findElement(By.id("save-grouping")).click();
    assertThat(waitFor(By.cssSelector("#grouping .problem")).getText())
        .contains("'fields' must name at least one field for content grouping");
    // By content: the payload fields chosen and the custom_details keys typed.
    select(By.id("grouping-fields"), "group");
    typeOver(By.id("grouping-details"), "cluster");
    browser.findElement(By.id("save-grouping")).click();
    waitForText(By.cssSelector(".notice"), "Alert grouping saved.");
    assertThat(browser.findElement(By.id("grouping-now")).getText())
        .isEqualTo(
            "By content: alerts with the same group, custom_details.cluster join the open"
                + " incident.");
    assertThat(selected(By.id("grouping-fields"))).containsExactly("group");

    select(By.id("grouping-type"), "By time");
    typeOver(By.id("grouping-window"), "15");
    browser.findElement(By.id("save-grouping")).click();
    waitForText(By.cssSelector(".notice"), "Alert grouping saved.");
    assertThat(browser.findElement(By.id("grouping-now")).getText())
        .isEqualTo(
            "By time: alerts within 15 minutes of the group's first alert join its incident.");
    assertThat(selected(By.id("grouping-type"))).containsExactly("By time");
    JsonNode grouping = http().get(path, team.token()).json().at("/alert_grouping");
    assertThat(grouping.at("/type").asString()).isEqualTo("time");
    assertThat(grouping.at("/time_window_minutes").asInt()).isEqualTo(15);
    ((JavascriptExecutor) browser)
        .executeScript("arguments[0].scrollIntoView()", browser.findElement(By.id("grouping")));
    shoot("console-admin-grouping");
    assertPhoneFriendlyOnAPhone();
  }

  @Test
  void anAdminSchedulesAMaintenanceWindowOnTheirClockAndEndsIt() {
    Team team = newTeam(60);
    long service = firstServiceId(team);
    String ada = person(team.accountId(), "Ada", "admin");
    jdbc.sql("update users set time_zone = 'America/New_York' where email = ?").param(ada).update();
    phone();
    logIn(ada);
    browser.get("http://127.0.0.1:" + port + "/console/admin/services/" + service);
    assertThat(waitFor(By.id("maintenance")).getText()).contains("None planned.");
    java.time.LocalDateTime start =
        java.time.LocalDateTime.now(java.time.ZoneId.of("America/New_York"))
            .withSecond(0)
            .withNano(0)
            .minusMinutes(5);
    JavascriptExecutor js = (JavascriptExecutor) browser;
    // The end before the start: refused naming the fields, nothing scheduled.
    js.executeScript(
        "document.getElementById('window-start').value = arguments[0];"
            + "document.getElementById('window-end').value = arguments[1];",
        start.toString(),
        start.minusHours(1).toString());
    browser.findElement(By.id("add-window")).click();
    assertThat(waitFor(By.cssSelector("#maintenance .problem")).getText())
        .contains("'ends_at' must be after 'starts_at'");
    String list = "/api/v1/maintenance_windows?service_id=" + service;
    assertThat(http().get(list, team.token()).json().at("/maintenance_windows")).isEmpty();

    js.executeScript(
        "document.getElementById('window-start').value = arguments[0];"
            + "document.getElementById('window-end').value = arguments[1];",
        start.toString(),
        start.plusHours(2).toString());
    typeOver(By.id("window-description"), "Database upgrade");
    browser.findElement(By.id("add-window")).click();
    waitForText(By.cssSelector(".notice"), "Maintenance window scheduled.");
    JsonNode window = http().get(list, team.token()).json().at("/maintenance_windows/0");
    assertThat(java.time.Instant.parse(window.at("/starts_at").asString()))
        .as("the start typed on the admin's New York clock")
        .isEqualTo(start.atZone(java.time.ZoneId.of("America/New_York")).toInstant());
    assertThat(window.at("/description").asString()).isEqualTo("Database upgrade");
    long id = window.at("/id").asLong();
    assertThat(browser.findElement(By.id("window-" + id)).getText())
        .contains(
            start.format(java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss"))
                + " America/New_York to ")
        .contains("Database upgrade");
    ((JavascriptExecutor) browser)
        .executeScript("arguments[0].scrollIntoView()", browser.findElement(By.id("maintenance")));
    shoot("console-admin-maintenance-phone");
    assertPhoneFriendly();

    browser.findElement(By.id("end-window-" + id)).click();
    browser.switchTo().alert().accept();
    waitForText(By.cssSelector(".notice"), "Maintenance window ended: alerts page again.");
    assertThat(browser.findElement(By.id("maintenance")).getText()).contains("None planned.");
    assertThat(http().get(list, team.token()).json().at("/maintenance_windows")).isEmpty();
  }

  @Test
  void theOperatorRecordsARefundOfAccountCredit() {
    Team team = newTeam(60);
    HttpDriver.Response paid =
        http()
            .postJson(
                "/api/v1/operator/accounts/" + team.accountId() + "/payments",
                operatorToken("operator_admin"),
                """
                {"amount": 50.00, "currency": "USD", "method": "transfer",
                 "reference": "WIRE-77", "received_on": "%s"}"""
                    .formatted(LocalDate.now(ZoneOffset.UTC)));
    assertThat(paid.status()).as(paid.body()).isEqualTo(201);

    desktop();
    logIn(operatorPerson("operator_accountant"));
    browser.get("http://127.0.0.1:" + port + "/console/operator/accounts/" + team.accountId());
    assertThat(waitFor(By.id("account-credit")).getText()).contains("50.00 USD");
    // More than the credit is refused, and nothing is paid back.
    typeOver(By.id("refund-amount"), "80.00");
    browser.findElement(By.id("refund-reference")).sendKeys("CHK-1");
    browser.findElement(By.id("record-refund")).click();
    assertThat(waitFor(By.cssSelector("#refunds .problem")).getText()).isNotBlank();
    assertThat(browser.findElement(By.id("account-credit")).getText()).contains("50.00 USD");

    select(By.id("refund-method"), "Check");
    typeOver(By.id("refund-amount"), "20.00");
    typeOver(By.id("refund-currency"), "USD");
    typeOver(By.id("refund-reference"), "CHK-2002");
    browser.findElement(By.id("refund-reason")).sendKeys("overpaid in October");
    browser.findElement(By.id("record-refund")).click();
    waitForText(By.cssSelector(".notice"), "Refund of 20.00 USD by check recorded.");
    assertThat(browser.findElement(By.id("account-credit")).getText()).contains("30.00 USD");
    assertThat(browser.findElement(By.id("refund-list")).getText())
        .contains("20.00 USD by check (CHK-2002)")
        .contains("overpaid in October");
    shoot("console-operator-refund");
    JsonNode refunds = http().get("/api/v1/billing/refunds", team.token()).json();
    assertThat(refunds.at("/refunds/0/amount_minor").asLong()).isEqualTo(2000);
    assertThat(refunds.at("/refunds/0/reference").asString()).isEqualTo("CHK-2002");

    browser.findElement(By.linkText("Dunning")).click();
    waitForText(By.tagName("h1"), "Dunning");
    browser.findElement(By.linkText("Usage alerts")).click();
    waitForText(By.tagName("h1"), "Usage alerts this month");
    assertPhoneFriendlyOnAPhone();
  }

  @Test
  void theOperatorChangesAnAccountsPlanNowAndFromTheNextMonth() {
    Team team = newTeam(60);
    HttpDriver.Response setUp =
        http()
            .postJson(
                "/api/v1/operator/accounts/" + team.accountId() + "/billing/profile",
                operatorToken("operator_admin"),
                """
                {"collection_method": "check", "billing_time_zone": "UTC",
                 "billing_email": "ap@example.com", "plan": "business", "seats": 3,
                 "starts": "%s"}"""
                    .formatted(YearMonth.now(ZoneOffset.UTC)));
    assertThat(setUp.status()).as(setUp.body()).isEqualTo(201);

    desktop();
    logIn(operatorPerson("operator_admin"));
    String page = "http://127.0.0.1:" + port + "/console/operator/accounts/" + team.accountId();
    browser.get(page);
    assertThat(waitFor(By.id("plan-now")).getText()).startsWith("Business (business), 3 seat(s)");
    // A negative seat count is refused in the API's words, and the plan stays.
    typeOver(By.id("plan-seats"), "-1");
    browser.findElement(By.id("change-plan")).click();
    browser.switchTo().alert().accept();
    assertThat(waitFor(By.cssSelector("#subscription .problem")).getText())
        .contains("'seats' is required and must not be negative");
    assertThat(browser.findElement(By.id("plan-now")).getText())
        .startsWith("Business (business), 3 seat(s)");

    // The billing cycle may still be starting: the page says so, and the operator tries again.
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () -> {
              browser.get(page);
              select(By.id("plan-code"), "Enterprise (USD)");
              typeOver(By.id("plan-seats"), "5");
              select(By.id("plan-effective"), "Now (fees prorated from now)");
              typeOver(By.id("plan-reason"), "grew past Business");
              browser.findElement(By.id("change-plan")).click();
              browser.switchTo().alert().accept();
              waitForText(
                  By.cssSelector(".notice"),
                  "Plan changed to enterprise with 5 seat(s), from now.");
            });
    assertThat(browser.findElement(By.id("plan-now")).getText())
        .startsWith("Enterprise (enterprise), 5 seat(s)");
    JsonNode subscription =
        http()
            .get("/api/v1/billing/profile", team.token())
            .json()
            .at("/billing_profile/subscription");
    assertThat(subscription.at("/plan").asString()).isEqualTo("enterprise");
    assertThat(subscription.at("/seats").asInt()).isEqualTo(5);

    select(By.id("plan-code"), "Team (USD)");
    typeOver(By.id("plan-seats"), "2");
    new org.openqa.selenium.support.ui.Select(waitFor(By.id("plan-effective")))
        .selectByValue("next");
    browser.findElement(By.id("change-plan")).click();
    browser.switchTo().alert().accept();
    waitForText(
        By.cssSelector(".notice"),
        "Plan changed to team with 2 seat(s), from the next billing month.");
    assertThat(browser.findElement(By.id("plan-now")).getText())
        .startsWith("Enterprise (enterprise), 5 seat(s)");
    assertThat(browser.findElement(By.id("plan-next")).getText())
        .startsWith("From " + YearMonth.now(ZoneOffset.UTC).plusMonths(1).atDay(1))
        .endsWith("Team (team), 2 seat(s)");
    shoot("console-operator-plan");
    assertPhoneFriendlyOnAPhone();
  }

  /** Last month's invoice of a check customer on Business with 3 seats: 216.00 USD, drafted. */
  private JsonNode draftInvoice(Team team) {
    String lastMonth = YearMonth.now(ZoneOffset.UTC).minusMonths(1).toString();
    HttpDriver.Response setUp =
        http()
            .postJson(
                "/api/v1/operator/accounts/" + team.accountId() + "/billing/profile",
                operatorToken("operator_admin"),
                """
                {"collection_method": "check", "billing_time_zone": "UTC",
                 "billing_email": "ap@example.com", "plan": "business", "seats": 3,
                 "starts": "%s", "confirm_earlier_start": true}"""
                    .formatted(lastMonth));
    assertThat(setUp.status()).as(setUp.body()).isEqualTo(201);
    return await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                http().get("/api/v1/invoices?status=draft", team.token()).json().at("/invoices/0"),
            invoice -> !invoice.isMissingNode());
  }

  private void logIn(String email) {
    browser.get("http://127.0.0.1:" + port + "/");
    waitFor(By.id("username")).sendKeys(email);
    browser.findElement(By.id("password")).sendKeys(PASSWORD);
    browser.findElement(By.cssSelector("button[type=submit]")).click();
    waitFor(By.linkText("Vigil"));
  }

  /**
   * Nothing wider than the screen, and every control at least 44 by 44 CSS pixels: links, buttons
   * and fields a thumb has to hit.
   */
  private void assertPhoneFriendly() {
    JavascriptExecutor js = (JavascriptExecutor) browser;
    Object overflow =
        js.executeScript(
            "return document.documentElement.scrollWidth - document.documentElement.clientWidth;");
    assertThat(((Number) overflow).longValue())
        .as("horizontal scroll in px")
        .isLessThanOrEqualTo(0);
    @SuppressWarnings("unchecked")
    List<String> small =
        (List<String>)
            js.executeScript(
                """
                return [...document.querySelectorAll(
                    'a, button, input:not([type=hidden]), select, textarea')]
                  .filter(e => { const r = e.getBoundingClientRect();
                                 return r.width > 0 && (r.width < 44 || r.height < 44); })
                  .map(e => { const r = e.getBoundingClientRect();
                              return Math.round(r.width) + 'x' + Math.round(r.height) + ' '
                                     + e.outerHTML.slice(0, 90); });""");
    assertThat(small).as("tap targets under 44 px").isEmpty();
  }

  /**
   * The same window as a phone from now on (390 by 844 CSS pixels, touch), then the page reloaded
   * and checked with {@link #assertPhoneFriendly()}.
   */
  private void assertPhoneFriendlyOnAPhone() {
    ((ChromeDriver) browser)
        .executeCdpCommand(
            "Emulation.setDeviceMetricsOverride",
            Map.of("width", 390, "height", 844, "deviceScaleFactor", 2, "mobile", true));
    browser.navigate().refresh();
    waitFor(By.linkText("Vigil"));
    assertPhoneFriendly();
  }

  /** Waits for the element to read exactly that, past the page it replaces (a form's answer). */
  private void waitForText(By what, String text) {
    new WebDriverWait(browser, Duration.ofSeconds(15))
        .until(ExpectedConditions.textToBe(what, text));
  }

  /** Waits until the element's text has every part; the live timeline may be swapped meanwhile. */
  private void waitForTextContaining(By what, String... parts) {
    new WebDriverWait(browser, Duration.ofSeconds(15))
        .ignoring(org.openqa.selenium.StaleElementReferenceException.class)
        .withMessage(() -> what + " never showed all of " + List.of(parts))
        .until(
            driver -> {
              String text = driver.findElement(what).getText();
              return java.util.Arrays.stream(parts).allMatch(text::contains);
            });
  }

  private void typeOver(By field, String text) {
    var input = waitFor(field);
    input.clear();
    input.sendKeys(text);
  }

  private void select(By list, String visibleText) {
    new org.openqa.selenium.support.ui.Select(waitFor(list)).selectByVisibleText(visibleText);
  }

  private List<String> selected(By list) {
    return new org.openqa.selenium.support.ui.Select(waitFor(list))
        .getAllSelectedOptions().stream().map(o -> o.getText()).toList();
  }

  private long userId(String email) {
    return jdbc.sql("select id from users where email = ?").param(email).query(Long.class).single();
  }

  private org.openqa.selenium.WebElement waitFor(By what) {
    return new WebDriverWait(browser, Duration.ofSeconds(15))
        .until(ExpectedConditions.visibilityOfElementLocated(what));
  }

  private void phone() {
    start(
        options ->
            options.setExperimentalOption(
                "mobileEmulation",
                Map.of(
                    "deviceMetrics",
                    Map.of("width", 390, "height", 844, "pixelRatio", 2.0, "touch", true))));
  }

  private void desktop() {
    start(options -> options.addArguments("--window-size=1280,900"));
  }

  private void start(java.util.function.Consumer<ChromeOptions> size) {
    if (browser != null) {
      // A journey that changes screens starts a fresh browser.
      browser.quit();
      browser = null;
      org.springframework.util.FileSystemUtils.deleteRecursively(profile.toFile());
    }
    assertThat(new File(CHROMIUM))
        .as("Chromium for the console's browser tests: apt-get install chromium chromium-driver")
        .canRead();
    try {
      profile = Files.createTempDirectory("vigil-chromium");
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM);
    options.addArguments(
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--user-data-dir=" + profile);
    size.accept(options);
    ChromeDriverService service =
        new ChromeDriverService.Builder()
            .usingDriverExecutable(new File(CHROMEDRIVER))
            .usingAnyFreePort()
            .build();
    browser = new ChromeDriver(service, options);
  }

  private void shoot(String name) {
    try {
      Files.createDirectories(SCREENSHOTS);
      File shot = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE);
      Files.copy(
          shot.toPath(), SCREENSHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      throw new IllegalStateException("screenshot " + name, e);
    }
  }

  private static String suffix() {
    return UUID.randomUUID().toString().substring(0, 8);
  }
}
