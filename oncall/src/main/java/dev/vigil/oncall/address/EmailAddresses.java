package dev.vigil.oncall.address;

import java.util.regex.Pattern;

/**
 * The one rule for an email address, wherever one is typed (a user, a contact method, a billing
 * contact): something, an {@code @}, and a domain with a dot, no spaces. Deliverability is the
 * relay's to judge; this only catches what cannot be an address.
 */
public final class EmailAddresses {

  /** For bean validation ({@code @Pattern(regexp = EmailAddresses.PATTERN)}). */
  public static final String PATTERN = "^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$";

  /** What bean validation answers for an address that breaks the rule. */
  public static final String PROBLEM = "must be a well-formed email address";

  private static final Pattern RULE = Pattern.compile(PATTERN);

  private EmailAddresses() {}

  /** Whether {@code address}, without surrounding spaces, is an email address. */
  public static boolean isValid(String address) {
    return address != null && RULE.matcher(address.strip()).matches();
  }
}
