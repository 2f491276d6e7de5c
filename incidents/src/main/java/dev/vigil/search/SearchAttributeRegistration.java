package dev.vigil.search;

/**
 * Whether the Temporal namespace knows {@link VigilSearchAttributes#ALL}, as found when the
 * application started. Workflow starters set search attributes only when it does: an unknown one
 * would make the server refuse the start, and an incident must open whatever the UI can show.
 */
public record SearchAttributeRegistration(boolean registered) {

  public static final SearchAttributeRegistration REGISTERED =
      new SearchAttributeRegistration(true);
  public static final SearchAttributeRegistration MISSING = new SearchAttributeRegistration(false);
}
