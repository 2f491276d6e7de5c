package dev.vigil.bootstrap;

import dev.vigil.oncall.OnCallSetup;
import dev.vigil.oncall.access.ApiTokens;
import dev.vigil.oncall.account.AccountStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * {@code VIGIL_BOOTSTRAP_TOKEN}: like an initial admin password. On a start that finds no API token
 * at all, it becomes the admin token of the first account (created if there is none). Once any
 * token exists it is ignored, so changing it later changes nothing.
 */
@Component
@Order(2)
class BootstrapToken implements ApplicationRunner {

  static final int MIN_LENGTH = 16;

  private static final Logger log = LoggerFactory.getLogger(BootstrapToken.class);

  private final ApiTokens tokens;
  private final OnCallSetup setup;
  private final AccountStore accounts;
  private final String token;

  BootstrapToken(
      ApiTokens tokens,
      OnCallSetup setup,
      AccountStore accounts,
      @Value("${vigil.bootstrap-token:}") String token) {
    this.tokens = tokens;
    this.setup = setup;
    this.accounts = accounts;
    this.token = token.strip();
    if (!this.token.isEmpty() && this.token.length() < MIN_LENGTH) {
      throw new IllegalArgumentException(
          "VIGIL_BOOTSTRAP_TOKEN must be at least " + MIN_LENGTH + " characters");
    }
  }

  @Override
  @Transactional
  public void run(ApplicationArguments args) {
    if (token.isEmpty() || tokens.any()) {
      return;
    }
    long account = accounts.first().orElseGet(() -> setup.createAccount("Vigil", "US", "UTC"));
    tokens.store(account, "bootstrap", token);
    log.info("Created the bootstrap API token for account {}", account);
  }
}
