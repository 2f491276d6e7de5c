package dev.vigil.notification.delivery;

/**
 * What a provider answered when it took a message.
 *
 * @param providerMessageId its id for the message (Twilio Message or Call SID, email Message-ID)
 * @param providerAccount which credentials sent it (Twilio AccountSid, SMTP host:port); may be null
 * @param segments SMS segments billed, when the provider says at once; null otherwise
 */
public record Delivery(String providerMessageId, String providerAccount, Integer segments) {

  public static Delivery of(String providerMessageId) {
    return new Delivery(providerMessageId, null, null);
  }
}
