package dev.vigil.notification;

/**
 * One message as a provider sends it.
 *
 * @param notificationId the notification log row, unique per page: providers that can be idempotent
 *     use it as their key
 * @param to an E.164 phone number or an email address
 * @param subject for email; null for SMS and voice
 */
public record OutboundMessage(
    long accountId,
    long notificationId,
    long incidentNumber,
    Channel channel,
    String to,
    String subject,
    String body) {}
