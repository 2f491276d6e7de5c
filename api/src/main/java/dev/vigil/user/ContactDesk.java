package dev.vigil.user;

import dev.vigil.auth.ApiCaller;
import dev.vigil.oncall.user.ContactMethods;
import dev.vigil.oncall.user.ContactMethods.ContactMethod;
import dev.vigil.web.RequestChecks;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * A person's own contact methods as the console changes them: through the REST API's verification
 * and test-page routes (decision 0058), and their notification rules through the API's rule routes,
 * so a button and an API call cannot differ. Refusals are the API's ({@code ApiException}, {@code
 * OnCallRefusal}, {@code DirectMessages.TestPageLimited}).
 */
@Component
public class ContactDesk {

  private final ContactMethods methods;
  private final ContactMethodController contactMethods;
  private final ContactVerificationController verification;
  private final NotificationRuleController rules;
  private final RequestChecks checks;

  ContactDesk(
      ContactMethods methods,
      ContactMethodController contactMethods,
      ContactVerificationController verification,
      NotificationRuleController rules,
      RequestChecks checks) {
    this.methods = methods;
    this.contactMethods = contactMethods;
    this.verification = verification;
    this.rules = rules;
    this.checks = checks;
  }

  /** Adds a method of the caller's, unverified until a code sent over it comes back. */
  public void add(ApiCaller caller, String kind, String address, String label) {
    contactMethods.create(
        caller,
        caller.userId(),
        checks.valid(
            new ContactMethodController.ContactMethodRequest(
                kind, address, label == null || label.isBlank() ? null : label.strip())));
  }

  public List<ContactMethod> mine(ApiCaller caller) {
    return methods.list(caller.accountId(), caller.userId());
  }

  /** Sends a code over the method (SMS for a phone, e-mail for an address). */
  public void sendCode(ApiCaller caller, long methodId) {
    verification.requestCode(caller, caller.userId(), methodId, null);
  }

  public void confirm(ApiCaller caller, long methodId, String code) {
    verification.confirm(
        caller,
        caller.userId(),
        methodId,
        new ContactVerificationController.ConfirmRequest(code == null ? "" : code));
  }

  /** Sends a test page; answers what was sent where. */
  public String testPage(ApiCaller caller, long methodId) {
    return verification.testPage(caller, caller.userId(), methodId).get("test_page").message();
  }

  /** The caller's notification rules, by urgency then delay. */
  public List<NotificationRule> myRules(ApiCaller caller) {
    return rules.list(caller, caller.userId(), null).get("notification_rules").stream()
        .map(
            r ->
                new NotificationRule(
                    r.id(), r.urgency(), r.contactMethodId(), r.channel(), r.delayMinutes()))
        .toList();
  }

  /**
   * Adds a rule of the caller's: after {@code delayMinutes}, page this method on this channel for
   * incidents of that urgency. The API's constraints decide what is valid.
   */
  public void addRule(
      ApiCaller caller, String urgency, Long contactMethodId, String channel, Integer delay) {
    rules.create(
        caller,
        caller.userId(),
        checks.valid(
            new NotificationRuleController.RuleRequest(urgency, contactMethodId, channel, delay)));
  }

  public void removeRule(ApiCaller caller, long ruleId) {
    rules.delete(caller, caller.userId(), ruleId);
  }

  /** A notification rule as the console lists it. */
  public record NotificationRule(
      long id, String urgency, long contactMethodId, String channel, int delayMinutes) {}
}
