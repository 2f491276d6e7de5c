package dev.vigil.billing.document;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Where customers who pay by check send it, printed on check invoices: {@code
 * vigil.billing.remittance.payee}, {@code vigil.billing.remittance.address[0..n]} (one entry per
 * printed line; as environment variables {@code VIGIL_BILLING_REMITTANCE_ADDRESS_0}, ...) and an
 * optional {@code vigil.billing.remittance.note}.
 *
 * @param payee whom checks are made payable to; "Vigil" when unset
 * @param address the mailing address, one entry per line; empty: the invoice prints no address
 * @param note printed under the instructions (e.g. who to ask about an invoice); null for none
 */
@ConfigurationProperties("vigil.billing.remittance")
public record RemittanceSettings(String payee, List<String> address, String note) {

  public RemittanceSettings {
    payee = payee == null || payee.isBlank() ? "Vigil" : payee.strip();
    address =
        address == null
            ? List.of()
            : address.stream().map(String::strip).filter(line -> !line.isEmpty()).toList();
    note = note == null || note.isBlank() ? null : note.strip();
  }
}
