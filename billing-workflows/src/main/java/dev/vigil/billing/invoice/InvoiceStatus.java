package dev.vigil.billing.invoice;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/**
 * An invoice's status. On the wire, in PostgreSQL and inside workflow payloads it is the lowercase
 * code ({@code "draft"}), exactly the string it was before this type existed: recorded histories
 * hold it, and they replay unchanged.
 */
public enum InvoiceStatus {
  /** Rated, waiting for approval (check) or finalisation (card). */
  DRAFT,
  /** Issued, not fully paid. */
  OPEN,
  PAID,
  /** Cancelled before any payment. */
  VOID,
  /** Written off: issued, never to be paid. */
  UNCOLLECTIBLE;

  @JsonValue
  public String code() {
    return name().toLowerCase(Locale.ROOT);
  }

  @JsonCreator
  public static InvoiceStatus of(String code) {
    return valueOf(code.strip().toUpperCase(Locale.ROOT));
  }

  /** Void, uncollectible or paid: nothing changes it any more. */
  public boolean closed() {
    return this != DRAFT && this != OPEN;
  }

  @Override
  public String toString() {
    return code();
  }
}
