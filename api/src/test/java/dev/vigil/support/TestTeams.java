package dev.vigil.support;

import dev.vigil.oncall.OnCallSetup;
import dev.vigil.oncall.access.ApiTokens;
import dev.vigil.support.AppTestBase.Team;
import java.util.List;
import java.util.UUID;

/** The team every whole-app test starts from; tests never share accounts. */
public final class TestTeams {

  private TestTeams() {}

  /**
   * A fresh account with Alice (level 1) and Bob (level 2), each level waiting the given seconds,
   * reachable through its own routing key and API token.
   */
  public static Team create(OnCallSetup setup, ApiTokens tokens, int levelDelaySeconds) {
    String suffix = UUID.randomUUID().toString().substring(0, 8);
    long account = setup.createAccount("Team " + suffix, "US", "UTC");
    String aliceEmail = "alice-" + suffix + "@example.com";
    String bobEmail = "bob-" + suffix + "@example.com";
    long alice = setup.createUser(account, "Alice", aliceEmail, "admin");
    setup.addContactMethod(account, alice, "phone", "+14155550100");
    long bob = setup.createUser(account, "Bob", bobEmail, "responder");
    long policy =
        setup.createPolicy(
            account,
            "Primary",
            0,
            List.of(
                new OnCallSetup.LevelSpec(levelDelaySeconds, List.of(alice)),
                new OnCallSetup.LevelSpec(levelDelaySeconds, List.of(bob))));
    String routingKey = UUID.randomUUID().toString().replace("-", "");
    setup.createService(account, "Checkout " + suffix, policy, "severity", routingKey);
    String token = tokens.create(account, "test token");
    return new Team(account, routingKey, token, aliceEmail, bobEmail);
  }
}
