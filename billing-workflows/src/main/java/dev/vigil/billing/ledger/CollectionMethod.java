package dev.vigil.billing.ledger;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** How an account pays. */
public enum CollectionMethod {
  /** A Stripe invoice, charged automatically to the card on file. */
  CARD,
  /** Our invoice, approved by an accountant, sent with net terms, paid by check. */
  CHECK;

  @JsonValue
  public String code() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }

  @JsonCreator
  public static CollectionMethod fromCode(String code) {
    return valueOf(code.toUpperCase(java.util.Locale.ROOT));
  }
}
