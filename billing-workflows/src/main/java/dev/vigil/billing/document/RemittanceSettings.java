package dev.vigil.billing.document;

import dev.vigil.refusal.Refusal;
import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How customers who pay by invoice pay, printed on check invoices ("How to pay", docs/decisions
 * 0054): by check, {@code vigil.billing.remittance.payee}, {@code
 * vigil.billing.remittance.address[0..n]} (one entry per printed line; as environment variables
 * {@code VIGIL_BILLING_REMITTANCE_ADDRESS_0}, ...); by bank transfer (ACH or wire), {@code
 * vigil.billing.remittance.bank.*}; and an optional {@code vigil.billing.remittance.note}. An
 * invoice paid this way is issued only once at least one of the two ways is configured whole.
 *
 * @param payee whom checks are made payable to; "Vigil" when unset
 * @param address the mailing address, one entry per line; empty: no checks by mail
 * @param bank bank transfer details; all null: no transfers
 * @param note printed under the instructions (e.g. who to ask about an invoice); null for none
 */
@ConfigurationProperties("vigil.billing.remittance")
public record RemittanceSettings(String payee, List<String> address, Bank bank, String note) {

  public RemittanceSettings {
    payee = payee == null || payee.isBlank() ? "Vigil" : payee.strip();
    address =
        address == null
            ? List.of()
            : address.stream().map(String::strip).filter(line -> !line.isEmpty()).toList();
    bank = bank == null ? new Bank(null, null, null, null) : bank;
    note = note == null || note.isBlank() ? null : note.strip();
  }

  /**
   * Where transfers go ({@code VIGIL_BILLING_REMITTANCE_BANK_NAME}, {@code _ACCOUNTHOLDER}, {@code
   * _ACCOUNTNUMBER}, {@code _ROUTING}).
   *
   * @param name the bank's name
   * @param accountHolder the name the account is held in
   * @param accountNumber the account number, or an IBAN
   * @param routing the ABA routing number, or a SWIFT/BIC code; optional (an IBAN may need none)
   */
  public record Bank(String name, String accountHolder, String accountNumber, String routing) {

    public Bank {
      name = blankToNull(name);
      accountHolder = blankToNull(accountHolder);
      accountNumber = blankToNull(accountNumber);
      routing = blankToNull(routing);
    }

    /** Enough to send a transfer: the bank, whose account, and its number. */
    public boolean complete() {
      return name != null && accountHolder != null && accountNumber != null;
    }

    boolean empty() {
      return name == null && accountHolder == null && accountNumber == null && routing == null;
    }

    /** The settings a transfer still needs, by their environment variables. */
    List<String> missing() {
      List<String> missing = new ArrayList<>();
      if (name == null) {
        missing.add("VIGIL_BILLING_REMITTANCE_BANK_NAME");
      }
      if (accountHolder == null) {
        missing.add("VIGIL_BILLING_REMITTANCE_BANK_ACCOUNTHOLDER");
      }
      if (accountNumber == null) {
        missing.add("VIGIL_BILLING_REMITTANCE_BANK_ACCOUNTNUMBER");
      }
      return missing;
    }

    private static String blankToNull(String value) {
      return value == null || value.isBlank() ? null : value.strip();
    }
  }

  /**
   * How to pay by bank transfer (ACH or wire), one printed line each, with the invoice's number as
   * the transfer's reference: what the PDF and the e-mail print. None without complete bank
   * details.
   */
  public List<String> transferInstructions(String reference) {
    if (!bank.complete()) {
      return List.of();
    }
    List<String> lines = new ArrayList<>();
    lines.add((checksByMail() ? "Or pay" : "Pay") + " by bank transfer (ACH or wire) to:");
    lines.add("    Bank: " + bank.name());
    lines.add("    Account holder: " + bank.accountHolder());
    lines.add("    Account number: " + bank.accountNumber());
    if (bank.routing() != null) {
      lines.add("    Routing / SWIFT: " + bank.routing());
    }
    lines.add("    Reference: " + reference);
    return lines;
  }

  /** True when customers can be told where to mail a check. */
  public boolean checksByMail() {
    return !address.isEmpty();
  }

  /**
   * True when invoices tell customers how to pay by check: when an address is configured, and when
   * nothing is (as before transfers, the payee alone).
   */
  public boolean printsChecks() {
    return checksByMail() || !bank.complete();
  }

  /**
   * Refuses, as a wrong state naming the settings, issuing an invoice paid by check or transfer
   * while the invoice could not say how to pay it: neither a mailing address nor complete bank
   * details, or bank details begun but not finished (half an account printed is worse than none).
   */
  public void requireForCheckInvoices() {
    if (!bank.empty() && !bank.complete()) {
      throw Refusal.wrongStateFailure(
          "remittance details are incomplete: set "
              + String.join(", ", bank.missing())
              + " so that invoices can say where to send a bank transfer");
    }
    if (!checksByMail() && !bank.complete()) {
      throw Refusal.wrongStateFailure(
          "no remittance details are configured, so the invoice could not say how to pay it: set"
              + " a check mailing address (VIGIL_BILLING_REMITTANCE_ADDRESS_0, _1, ...) or bank"
              + " transfer details (VIGIL_BILLING_REMITTANCE_BANK_NAME, _ACCOUNTHOLDER,"
              + " _ACCOUNTNUMBER, optionally _ROUTING)");
    }
  }
}
