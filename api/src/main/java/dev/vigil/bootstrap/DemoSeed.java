package dev.vigil.bootstrap;

import dev.vigil.auth.InvitationLinks;
import dev.vigil.billing.ledger.BillingEnrollment;
import dev.vigil.billing.ledger.CollectionMethod;
import dev.vigil.oncall.OnCallSetup;
import dev.vigil.oncall.OnCallSetup.LevelSpec;
import dev.vigil.oncall.access.ApiTokens;
import dev.vigil.oncall.account.OperatorAccount;
import dev.vigil.oncall.service.RoutingKeys;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * A demo account to page on a fresh machine: two users, a service, and a policy that pages the
 * first user, then the second a minute later. On by default in embedded mode only; seeded once.
 */
@Component
@Order(1)
@ConditionalOnProperty(name = "vigil.demo.enabled", havingValue = "true")
class DemoSeed implements ApplicationRunner {

  static final String ACCOUNT_NAME = "Demo";

  private static final Logger log = LoggerFactory.getLogger(DemoSeed.class);

  private final OnCallSetup setup;
  private final BillingEnrollment billing;
  private final ApiTokens tokens;
  private final StartupInfo info;
  private final OperatorAccount operator;
  private final InvitationLinks invitations;
  private final String configuredRoutingKey;
  private final String bootstrapToken;

  DemoSeed(
      OnCallSetup setup,
      BillingEnrollment billing,
      ApiTokens tokens,
      StartupInfo info,
      OperatorAccount operator,
      InvitationLinks invitations,
      @Value("${vigil.demo.routing-key:}") String configuredRoutingKey,
      @Value("${vigil.bootstrap-token:}") String bootstrapToken) {
    this.setup = setup;
    this.billing = billing;
    this.tokens = tokens;
    this.info = info;
    this.operator = operator;
    this.invitations = invitations;
    this.configuredRoutingKey = configuredRoutingKey.strip();
    this.bootstrapToken = bootstrapToken;
    if (!this.configuredRoutingKey.isEmpty() && this.configuredRoutingKey.length() != 32) {
      throw new IllegalArgumentException("VIGIL_DEMO_ROUTING_KEY must be exactly 32 characters");
    }
  }

  @Override
  @Transactional
  public void run(ApplicationArguments args) {
    boolean seeded = setup.accountExists(ACCOUNT_NAME);
    if (seeded) {
      log.info("Demo account already present; not seeding again");
      return;
    }
    long account = setup.createAccount(ACCOUNT_NAME, "US", "America/New_York");
    long alice = setup.createUser(account, "Alice Adams", "alice@example.com", "admin");
    setup.addContactMethod(account, alice, "phone", "+14155550100");
    long bob = setup.createUser(account, "Bob Brown", "bob@example.com", "responder");
    setup.addContactMethod(account, bob, "phone", "+442079460958");
    long policy =
        setup.createPolicy(
            account,
            "Demo on-call",
            0,
            List.of(new LevelSpec(60, List.of(alice)), new LevelSpec(60, List.of(bob))));
    String routingKey =
        configuredRoutingKey.isEmpty() ? RoutingKeys.random() : configuredRoutingKey;
    setup.createService(account, "Demo web app", policy, "high", routingKey);
    info.demoRoutingKey(routingKey);
    if (bootstrapToken.isBlank()) {
      info.demoApiToken(tokens.create(account, "demo"));
    }
    // Billed by check from last month on, so last month's invoice is drafted at once and waits
    // for an accountant's approval: the billing flow is there to try on a fresh machine.
    long carol = setup.createUser(account, "Carol Clark", "carol@example.com", "accountant");
    // The console needs a password: each demo person gets a link to choose one, printed once.
    info.invitation("Alice (admin)", invitations.invite(alice));
    info.invitation("Bob (responder)", invitations.invite(bob));
    info.invitation("Carol (accountant)", invitations.invite(carol));
    ZoneId billingZone = ZoneId.of("America/New_York");
    billing.enroll(
        account,
        new BillingEnrollment.Terms(
            CollectionMethod.CHECK,
            billingZone,
            "billing@example.com",
            30,
            BillingEnrollment.DEFAULT_REMINDER_OFFSETS,
            "business",
            5,
            YearMonth.now(billingZone).minusMonths(1)));
    seedOperator();
    log.info(
        "Seeded the demo account: Alice (level 1), then Bob after 1 minute; billed by check on the"
            + " Business plan from last month");
  }

  /**
   * The operator who bills the demo account, with Olivia, its operator admin: approving the demo's
   * invoice and recording its check are the operator's (docs/decisions/0030).
   */
  private void seedOperator() {
    if (operator.find().isPresent()) {
      return;
    }
    long account = operator.findOrCreate("Vigil operator");
    long olivia = setup.createUser(account, "Olivia Owens", "olivia@example.com", "operator_admin");
    info.invitation("Olivia (operator)", invitations.invite(olivia));
    if (bootstrapToken.isBlank()) {
      info.operatorApiToken(tokens.createForUser(account, olivia, "demo operator"));
    }
  }
}
