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
 * network; {@code .ci/run} installs both). A responder on a phone, a tenant accountant and the
 * operator. Screenshots go to {@code target/screenshots}.
 */
class ConsoleBrowserTest extends ConsoleTestBase {

  private static final String CHROMIUM = "/usr/bin/chromium";
  private static final String CHROMEDRIVER = "/usr/bin/chromedriver";
  private static final Path SCREENSHOTS = Path.of("target", "screenshots");

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
    assertThat(browser.findElement(By.cssSelector(".timeline")).getText())
        .contains("by Rita via console");
    assertPhoneFriendly();
    shoot("console-incident-acknowledged-phone");

    new org.openqa.selenium.support.ui.Select(browser.findElement(By.id("priority")))
        .selectByVisibleText("P2");
    browser.findElement(By.xpath("//button[. = 'Set priority']")).click();
    assertThat(waitFor(By.cssSelector(".notice")).getText()).isEqualTo("Priority set to P2.");
    waitFor(By.id("note")).sendKeys("Looking at db-01");
    browser.findElement(By.xpath("//button[. = 'Add note']")).click();
    assertThat(waitFor(By.cssSelector(".timeline")).getText())
        .contains("Looking at db-01")
        .contains("P2");

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
