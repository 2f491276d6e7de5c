package dev.vigil.notification.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** What a page says, and what an SMS of it costs. */
class MessageComposerTest {

  @Test
  void countsSegmentsAsCarriersDo() {
    assertThat(SmsSegments.count("a".repeat(160))).isEqualTo(1);
    assertThat(SmsSegments.count("a".repeat(161))).isEqualTo(2);
    assertThat(SmsSegments.count("a".repeat(306))).isEqualTo(2);
    assertThat(SmsSegments.count("a".repeat(307))).isEqualTo(3);
    assertThat(SmsSegments.count("€".repeat(80))).isEqualTo(1); // two septets each
    assertThat(SmsSegments.count("€".repeat(81))).isEqualTo(2);
    assertThat(SmsSegments.count("ü".repeat(160))).isEqualTo(1); // in GSM-7
    assertThat(SmsSegments.count("…" + "a".repeat(69))).isEqualTo(1); // UCS-2
    assertThat(SmsSegments.count("…" + "a".repeat(70))).isEqualTo(2);
  }

  @Test
  void aShortPageIsSentWhole() {
    assertThat(MessageComposer.sms(page("Disk full on db-1")))
        .isEqualTo("Vigil #7 HIGH Checkout: Disk full on db-1 Reply 4 to ack, 6 to resolve.");
  }

  @Test
  void aPageCarryingHeldOnesNamesThemAndStillFitsTwoSegments() {
    List<MessageComposer.PageContext> held =
        java.util.stream.LongStream.rangeClosed(100, 400)
            .mapToObj(n -> new MessageComposer.PageContext(n, "Disk full", "high", "Checkout"))
            .toList();

    assertThat(MessageComposer.sms(page("Disk full on db-1"), held.subList(0, 2)))
        .isEqualTo(
            "Vigil #7 HIGH Checkout: Disk full on db-1 (+2 more: #100 #101) Reply 4 to ack, 6 to"
                + " resolve.");
    String storm = MessageComposer.sms(page("x".repeat(1000)), held);
    assertThat(SmsSegments.count(storm)).isEqualTo(2);
    assertThat(storm)
        .startsWith("Vigil #7 HIGH Checkout: xxx")
        .contains("... (+301 more: #100 #101 #102")
        .endsWith(" ...)" + MessageComposer.REPLY_HINT);
  }

  @Test
  void aLongTitleIsCutToTwoSegments() {
    String sms = MessageComposer.sms(page("x".repeat(1000)));

    assertThat(SmsSegments.count(sms)).isEqualTo(2);
    assertThat(sms)
        .hasSize(306)
        .startsWith("Vigil #7 HIGH Checkout: xxx")
        .endsWith("..." + MessageComposer.REPLY_HINT);
  }

  @Test
  void aTitleOutsideGsm7IsCutToTwoUcs2Segments() {
    String sms = MessageComposer.sms(page("Диск заполнен на сервере базы данных ".repeat(10)));

    assertThat(SmsSegments.count(sms)).isEqualTo(2);
    assertThat(sms.length()).isLessThanOrEqualTo(134);
  }

  @Test
  void emailHasTheSameWordsAsTextAndEscapedHtmlAndCarriesLinks() {
    List<EmailLinks.Link> links =
        List.of(new EmailLinks.Link("Acknowledge", "https://vigil.example.com/a?t=1&u=2"));
    MessageComposer.PageContext page = page("<script>alert(1)</script> & more");

    assertThat(MessageComposer.emailBody(page, links))
        .contains("Summary:  <script>alert(1)</script> & more")
        .endsWith("Acknowledge: https://vigil.example.com/a?t=1&u=2\n");
    assertThat(MessageComposer.emailHtml(page, links))
        .contains("&lt;script&gt;alert(1)&lt;/script&gt; &amp; more")
        .doesNotContain("<script>")
        .contains("<a href=\"https://vigil.example.com/a?t=1&amp;u=2\" style=")
        .contains(">Acknowledge</a>");
    assertThat(MessageComposer.emailBody(page, List.of())).doesNotContain("http");
  }

  @Test
  void emailShowsTheAlertsDetailsAsKeyValuesAndItsLinksClickableAndEscaped() {
    AlertDetails alert =
        new AlertDetails(
            "critical",
            "db-01",
            "postgres",
            "checkout-db",
            "disk",
            List.of(
                new AlertDetails.Detail("alertname", "DiskFull"),
                new AlertDetails.Detail("note", "<script>alert('x')</script>"),
                new AlertDetails.Detail("runbook", "https://runbooks.example.com/disk")),
            2,
            List.of(
                new AlertDetails.Link("https://grafana.example.com/d/1?a=1&b=2", "Dashboard"),
                new AlertDetails.Link("javascript:alert(1)", "Click me")),
            "Alertmanager",
            "https://alertmanager.example.com/#/alerts",
            30);
    MessageComposer.PageContext page = page("Disk full on db-01");

    String text = MessageComposer.emailBody(page, alert, List.of(), List.of());
    assertThat(text)
        .contains("Source:   db-01\n")
        .contains("Component: postgres\n")
        .contains("Group:    checkout-db\n")
        .contains("Alerts:   30\n")
        .contains("Details:\n  alertname: DiskFull\n  note: <script>alert('x')</script>\n")
        .contains("  (2 more in Vigil)\n")
        .contains("Links:\n  Dashboard: https://grafana.example.com/d/1?a=1&b=2\n")
        .contains("  View in Alertmanager: https://alertmanager.example.com/#/alerts\n");

    String html = MessageComposer.emailHtml(page, alert, List.of(), List.of());
    assertThat(html)
        .doesNotContain("<script>")
        .contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;")
        .contains(">alertname</th>")
        .contains(">DiskFull</td>")
        .contains("<a href=\"https://grafana.example.com/d/1?a=1&amp;b=2\"")
        .contains(">Dashboard</a>")
        .contains(">View in Alertmanager</a>")
        // Only http(s) and mailto links are made clickable.
        .doesNotContain("href=\"javascript:")
        .contains("Click me: javascript:alert(1)")
        // Phone-sized, and nothing to fetch from elsewhere.
        .contains("<meta name=\"viewport\"")
        .contains("max-width:600px")
        .doesNotContain("<img")
        .doesNotContain("<link")
        .doesNotContain("<style");
  }

  private static MessageComposer.PageContext page(String title) {
    return new MessageComposer.PageContext(7, title, "high", "Checkout");
  }
}
