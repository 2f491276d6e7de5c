package dev.vigil.user;

import dev.vigil.auth.ApiCaller;
import dev.vigil.oncall.user.ContactMethods;
import dev.vigil.oncall.user.ContactMethods.ContactMethod;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * A person's own contact methods as the console changes them: through the REST API's verification
 * and test-page routes (decision 0058), so a button and an API call cannot differ. Refusals are the
 * API's ({@code ApiException}, {@code OnCallRefusal}, {@code DirectMessages.TestPageLimited}).
 */
@Component
public class ContactDesk {

  private final ContactMethods methods;
  private final ContactVerificationController verification;

  ContactDesk(ContactMethods methods, ContactVerificationController verification) {
    this.methods = methods;
    this.verification = verification;
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
}
