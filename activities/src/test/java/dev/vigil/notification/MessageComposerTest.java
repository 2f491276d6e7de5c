package dev.vigil.notification;

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
        .contains("<a href=\"https://vigil.example.com/a?t=1&amp;u=2\">Acknowledge</a>");
    assertThat(MessageComposer.emailBody(page, List.of())).doesNotContain("http");
  }

  private static MessageComposer.PageContext page(String title) {
    return new MessageComposer.PageContext(7, title, "high", "Checkout");
  }
}
