package dev.vigil.bootstrap;

import dev.vigil.oncall.access.ApiTokens;
import dev.vigil.oncall.account.OperatorAccount;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * {@code VIGIL_BOOTSTRAP_OPERATOR_TOKEN}: the first operator admin (docs/decisions/0030). On a
 * start that finds no token acting for the operator, it becomes an {@code operator_admin} token of
 * the operator's account: the one marked so, else the install's first account (a self-hosted team
 * is its own operator), else a new one. Once an operator token exists it is ignored.
 */
@Component
@Order(3)
class OperatorBootstrapToken implements ApplicationRunner {

  private static final Logger log = LoggerFactory.getLogger(OperatorBootstrapToken.class);

  private final ApiTokens tokens;
  private final OperatorAccount operator;
  private final String token;

  OperatorBootstrapToken(
      ApiTokens tokens,
      OperatorAccount operator,
      @Value("${vigil.bootstrap-operator-token:}") String token) {
    this.tokens = tokens;
    this.operator = operator;
    this.token = token.strip();
    if (!this.token.isEmpty() && this.token.length() < BootstrapToken.MIN_LENGTH) {
      throw new IllegalArgumentException(
          "VIGIL_BOOTSTRAP_OPERATOR_TOKEN must be at least "
              + BootstrapToken.MIN_LENGTH
              + " characters");
    }
  }

  @Override
  @Transactional
  public void run(ApplicationArguments args) {
    if (token.isEmpty() || tokens.anyOperatorToken()) {
      return;
    }
    long account = operator.findOrAdoptFirst("Vigil");
    tokens.store(account, "operator bootstrap", token, "operator_admin");
    log.info("Created the operator's bootstrap API token in account {}", account);
  }
}
