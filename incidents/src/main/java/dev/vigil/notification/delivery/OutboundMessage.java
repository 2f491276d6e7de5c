package dev.vigil.notification.delivery;

import dev.vigil.notification.Channel;

/**
 * One message as a provider sends it.
 *
 * @param notificationId the notification log row, unique per page: providers that can be idempotent
 *     use it as their key, and Twilio's voice gather URL carries it
 * @param to an E.164 phone number or an email address
 * @param subject for email; null for SMS and voice
 * @param body the text: the SMS, the words a call speaks, the email's text part
 * @param html the email's HTML part; null for SMS and voice
 */
public record OutboundMessage(
    long accountId,
    long notificationId,
    long incidentNumber,
    Channel channel,
    String to,
    String subject,
    String body,
    String html) {

  public OutboundMessage(
      long accountId,
      long notificationId,
      long incidentNumber,
      Channel channel,
      String to,
      String subject,
      String body) {
    this(accountId, notificationId, incidentNumber, channel, to, subject, body, null);
  }
}
