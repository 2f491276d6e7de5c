package dev.vigil.billing.mail;

/**
 * No SMTP relay took a billing mail. The mail stays unsent in the outbox; sending it again (the
 * activity's retry) tries every relay again.
 */
public class BillingMailFailure extends RuntimeException {

  public BillingMailFailure(String message, Throwable cause) {
    super(message, cause);
  }
}
