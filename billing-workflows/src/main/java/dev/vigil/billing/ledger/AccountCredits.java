package dev.vigil.billing.ledger;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** An account's credit: overpayments in, credit applied to invoices out; the balance is the sum. */
@Component
public class AccountCredits {

  private final JdbcClient jdbc;

  public AccountCredits(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** The account's billing currency; empty for no such account. */
  public java.util.Optional<String> accountCurrency(long accountId) {
    return jdbc.sql("select billing_currency from accounts where id = :id")
        .param("id", accountId)
        .query(String.class)
        .optional();
  }

  /** The credit in one currency: what it will take off the account's next invoices. */
  public long balance(long accountId, String currency) {
    return jdbc.sql(
            """
            select coalesce(sum(amount_minor), 0) from account_credits
            where account_id = :account and currency = :currency
            """)
        .param("account", accountId)
        .param("currency", currency)
        .query(Long.class)
        .single();
  }
}
