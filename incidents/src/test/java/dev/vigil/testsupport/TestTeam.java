package dev.vigil.testsupport;

import dev.vigil.incident.IncidentKey;
import dev.vigil.oncall.OnCallSetup;
import dev.vigil.oncall.OnCallSetup.LevelSpec;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An account of its own with the people and services a test pages, created through {@link
 * OnCallSetup} as the product creates them. Every user has an email address and a phone.
 */
public final class TestTeam {

  private static final AtomicInteger PHONES = new AtomicInteger();

  private final OnCallSetup setup;
  private final long accountId;
  private final String domain;
  private final Map<Long, Person> people = new HashMap<>();

  private TestTeam(OnCallSetup setup, long accountId, String domain) {
    this.setup = setup;
    this.accountId = accountId;
    this.domain = domain;
  }

  public static TestTeam create(OnCallSetup setup, String name) {
    long accountId = setup.createAccount(name, "US", "UTC");
    String domain =
        name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-") + "-" + accountId + ".test";
    return new TestTeam(setup, accountId, domain);
  }

  public long accountId() {
    return accountId;
  }

  /** A responder with an email address (made by createUser) and a US mobile number. */
  public long user(String name) {
    String email = name.toLowerCase(Locale.ROOT) + "@" + domain;
    long userId = setup.createUser(accountId, name, email, "responder");
    String phone = "+1415555%04d".formatted(PHONES.incrementAndGet() % 10_000);
    long phoneMethodId = setup.addContactMethod(accountId, userId, "phone", phone);
    people.put(userId, new Person(name, email, phone, phoneMethodId));
    return userId;
  }

  public String name(long userId) {
    return person(userId).name();
  }

  public String email(long userId) {
    return person(userId).email();
  }

  public String phone(long userId) {
    return person(userId).phone();
  }

  public long phoneContactMethodId(long userId) {
    return person(userId).phoneMethodId();
  }

  /**
   * A service whose incidents follow a new policy with these levels, repeated repeatCount times.
   */
  public long service(String name, int repeatCount, LevelSpec... levels) {
    long policyId = setup.createPolicy(accountId, name + " policy", repeatCount, List.of(levels));
    return setup.createService(accountId, name, policyId, "high");
  }

  public IncidentKey key(long serviceId, String dedupKey) {
    return new IncidentKey(accountId, serviceId, dedupKey);
  }

  /** A level that pages these users, then waits {@code delay} for an acknowledgement. */
  public static LevelSpec level(Duration delay, long... userIds) {
    return new LevelSpec((int) delay.toSeconds(), Arrays.stream(userIds).boxed().toList());
  }

  private Person person(long userId) {
    Person person = people.get(userId);
    if (person == null) {
      throw new IllegalArgumentException("user " + userId + " is not in this team");
    }
    return person;
  }

  private record Person(String name, String email, String phone, long phoneMethodId) {}
}
