package dev.vigil.search;

import io.temporal.common.SearchAttributeKey;
import io.temporal.workflow.Workflow;
import java.util.List;

/**
 * The search attributes Vigil's workflows carry, so support staff find an execution in the Temporal
 * UI by what they know ({@code VigilAccountId = 3 AND VigilIncidentNumber = 42}). Prefixed with
 * {@code Vigil} so they cannot clash with another application's attributes in a shared namespace.
 *
 * <p>The application registers every key of {@link #ALL} on the namespace at start. Starters set
 * them only when that worked ({@link SearchAttributeRegistration}); workflows upsert only when they
 * were started with them, because an attribute the namespace does not know fails the start, or the
 * workflow task of an upsert, on a real server.
 */
public final class VigilSearchAttributes {

  /** Incident, invoice and billing cycle workflows: the account they belong to. */
  public static final SearchAttributeKey<Long> ACCOUNT_ID =
      SearchAttributeKey.forLong("VigilAccountId");

  /** The account's incident number (#42), once the incident is recorded. */
  public static final SearchAttributeKey<Long> INCIDENT_NUMBER =
      SearchAttributeKey.forLong("VigilIncidentNumber");

  public static final SearchAttributeKey<Long> SERVICE_ID =
      SearchAttributeKey.forLong("VigilServiceId");

  /** {@code triggered}, {@code acknowledged} or {@code resolved}. */
  public static final SearchAttributeKey<String> INCIDENT_STATUS =
      SearchAttributeKey.forKeyword("VigilIncidentStatus");

  /** {@code high} or {@code low}. */
  public static final SearchAttributeKey<String> URGENCY =
      SearchAttributeKey.forKeyword("VigilUrgency");

  /** The invoice's number (VIG-000042), or its id while it has none. */
  public static final SearchAttributeKey<String> INVOICE_NUMBER =
      SearchAttributeKey.forKeyword("VigilInvoiceNumber");

  /** {@code draft}, {@code open}, {@code paid}, {@code void} or {@code uncollectible}. */
  public static final SearchAttributeKey<String> INVOICE_STATUS =
      SearchAttributeKey.forKeyword("VigilInvoiceStatus");

  public static final List<SearchAttributeKey<?>> ALL =
      List.of(
          ACCOUNT_ID,
          INCIDENT_NUMBER,
          SERVICE_ID,
          INCIDENT_STATUS,
          URGENCY,
          INVOICE_NUMBER,
          INVOICE_STATUS);

  private VigilSearchAttributes() {}

  /**
   * True in a workflow whose execution was started with Vigil's attributes (or continued from one
   * that was): the namespace knows them, so upserting them is safe. Deterministic: the start's
   * attributes are in the history.
   */
  public static boolean presentInThisWorkflow() {
    return Workflow.getTypedSearchAttributes().containsKey(ACCOUNT_ID);
  }
}
