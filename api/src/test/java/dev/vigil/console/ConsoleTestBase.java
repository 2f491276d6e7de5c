package dev.vigil.console;

import dev.vigil.support.AppTestBase;
import java.util.UUID;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.crypto.password.PasswordEncoder;

/** The running app, and people of a given role who log in with {@link #PASSWORD}. */
abstract class ConsoleTestBase extends AppTestBase {

  static final String PASSWORD = "correct horse battery staple";

  @Autowired PasswordEncoder passwords;

  /** A new user of the account with that role and a password; answers their login e-mail. */
  String person(long accountId, String name, String role) {
    String email = role + "-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
    long user = setup.createUser(accountId, name, email, role);
    jdbc.sql("update users set password_hash = ? where id = ?")
        .params(passwords.encode(PASSWORD), user)
        .update();
    return email;
  }

  /** A member of the operator's staff ({@code operator_admin}, {@code operator_accountant}). */
  String operatorPerson(String role) {
    return person(operatorAccount.findOrCreate("Test operator"), "Olivia", role);
  }
}
