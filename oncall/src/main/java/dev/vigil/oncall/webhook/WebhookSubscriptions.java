package dev.vigil.oncall.webhook;

import dev.vigil.oncall.OnCallRefusal;
import dev.vigil.secret.SecretBox;
import java.security.SecureRandom;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Webhook subscriptions of accounts (docs/decisions/0060), and the only writer of their table. The
 * signing secret is shown once, when a subscription is made or its secret rotated, and kept sealed
 * by {@link SecretBox}: Vigil must read it back to sign. Every statement a caller reaches is scoped
 * by account id.
 */
@Component
public class WebhookSubscriptions {

  private static final String COLUMNS =
      "select id, account_id, service_id, url, description, events, enabled,"
          + " previous_secret_until, created_at from webhook_subscriptions";

  private static final SecureRandom RANDOM = new SecureRandom();

  private final JdbcClient jdbc;
  private final SecretBox box;
  private final boolean allowInternalTargets;
  private final Duration rotationOverlap;

  WebhookSubscriptions(
      JdbcClient jdbc,
      SecretBox box,
      @Value("${vigil.webhooks.allow-private-targets:false}") boolean allowInternalTargets,
      @Value("${vigil.webhooks.rotation-overlap:24h}") Duration rotationOverlap) {
    this.jdbc = jdbc;
    this.box = box;
    this.allowInternalTargets = allowInternalTargets;
    this.rotationOverlap = rotationOverlap;
  }

  /** A subscription with its new signing secret, which is shown once. */
  public record Created(WebhookSubscription subscription, String secret) {}

  /** The secrets a delivery is signed with now: the current one, and the old one during overlap. */
  public record SigningSecrets(String current, String previous) {}

  @Transactional
  public Created create(long accountId, WebhookRequest request) {
    check(request, true);
    checkService(accountId, request.serviceId());
    String secret = newSecret();
    long id =
        jdbc.sql(
                """
                insert into webhook_subscriptions
                  (account_id, service_id, url, description, events, enabled, secret_sealed)
                values (?, ?, ?, ?, ?, ?, ?) returning id""")
            .params(
                accountId,
                request.serviceId(),
                request.url().strip(),
                request.description() == null ? "" : request.description().strip(),
                events(request.events()),
                request.enabled() == null || request.enabled(),
                box.seal(secret))
            .query(Long.class)
            .single();
    return new Created(find(accountId, id).orElseThrow(), secret);
  }

  /** Changes the fields the request carries; the others stay. */
  @Transactional
  public WebhookSubscription update(long accountId, long id, WebhookRequest request) {
    return update(accountId, id, request, false);
  }

  /**
   * Changes the fields the request carries; the others stay. With {@code everyService} the
   * subscription hears every service again, whatever service it was limited to (the request's
   * {@code service_id} was sent as null, not left out).
   */
  @Transactional
  public WebhookSubscription update(
      long accountId, long id, WebhookRequest request, boolean everyService) {
    WebhookSubscription now = find(accountId, id).orElseThrow(WebhookSubscriptions::notFound);
    check(request, false);
    checkService(accountId, request.serviceId());
    jdbc.sql(
            """
            update webhook_subscriptions
               set url = ?, description = ?, events = ?, enabled = ?, service_id = ?
             where account_id = ? and id = ?""")
        .params(
            request.url() == null ? now.url() : request.url().strip(),
            request.description() == null ? now.description() : request.description().strip(),
            events(request.events() == null ? now.events() : request.events()),
            request.enabled() == null ? now.enabled() : request.enabled(),
            everyService
                ? null
                : request.serviceId() == null ? now.serviceId() : request.serviceId(),
            accountId,
            id)
        .update();
    return find(accountId, id).orElseThrow();
  }

  /**
   * A new signing secret, shown once; the old one keeps signing (a second {@code v1=}) for the
   * rotation overlap, so receivers can switch without losing a delivery.
   */
  @Transactional
  public Created rotateSecret(long accountId, long id, Instant now) {
    String secret = newSecret();
    int updated =
        jdbc.sql(
                """
                update webhook_subscriptions
                   set previous_secret_sealed = secret_sealed, previous_secret_until = ?,
                       secret_sealed = ?
                 where account_id = ? and id = ?""")
            .params(Timestamp.from(now.plus(rotationOverlap)), box.seal(secret), accountId, id)
            .update();
    if (updated == 0) {
      throw notFound();
    }
    return new Created(find(accountId, id).orElseThrow(), secret);
  }

  public boolean delete(long accountId, long id) {
    return jdbc.sql("delete from webhook_subscriptions where account_id = ? and id = ?")
            .params(accountId, id)
            .update()
        > 0;
  }

  public Optional<WebhookSubscription> find(long accountId, long id) {
    return jdbc.sql(COLUMNS + " where account_id = ? and id = ?")
        .params(accountId, id)
        .query(WebhookSubscriptions::row)
        .optional();
  }

  public List<WebhookSubscription> list(long accountId) {
    return jdbc.sql(COLUMNS + " where account_id = ? order by id")
        .param(accountId)
        .query(WebhookSubscriptions::row)
        .list();
  }

  /** The enabled subscriptions that receive this service's incident events of this type. */
  public List<WebhookSubscription> receiving(long accountId, long serviceId, String eventType) {
    return jdbc.sql(
            COLUMNS
                + " where account_id = ? and enabled"
                + " and (service_id is null or service_id = ?)"
                + " and (cardinality(events) = 0 or ? = any(events)) order by id")
        .params(accountId, serviceId, eventType)
        .query(WebhookSubscriptions::row)
        .list();
  }

  /** A subscription a delivery workflow serves, whatever its account (it knows only the id). */
  public Optional<WebhookSubscription> byId(long id) {
    return jdbc.sql(COLUMNS + " where id = ?")
        .param(id)
        .query(WebhookSubscriptions::row)
        .optional();
  }

  /** The secrets to sign with at this instant; never logged. */
  public Optional<SigningSecrets> signingSecrets(long id, Instant now) {
    return jdbc.sql(
            "select secret_sealed, previous_secret_sealed, previous_secret_until"
                + " from webhook_subscriptions where id = ?")
        .param(id)
        .query(
            (rs, n) -> {
              Timestamp until = rs.getTimestamp("previous_secret_until");
              String previous = rs.getString("previous_secret_sealed");
              boolean overlapping =
                  previous != null && until != null && until.toInstant().isAfter(now);
              return new SigningSecrets(
                  box.open(rs.getString("secret_sealed")), overlapping ? box.open(previous) : null);
            })
        .optional();
  }

  private void check(WebhookRequest request, boolean creating) {
    List<String> problems = request.problems(creating, allowInternalTargets);
    if (!problems.isEmpty()) {
      throw OnCallRefusal.invalid(problems);
    }
  }

  private void checkService(long accountId, Long serviceId) {
    if (serviceId == null) {
      return;
    }
    boolean exists =
        jdbc.sql(
                "select id from services where account_id = ? and id = ? and archived_at is null"
                    + " for key share")
            .params(accountId, serviceId)
            .query(Long.class)
            .optional()
            .isPresent();
    if (!exists) {
      throw OnCallRefusal.invalid("service_id", "is not a service of this account");
    }
  }

  private static String[] events(List<String> events) {
    return events == null ? new String[0] : events.stream().distinct().toArray(String[]::new);
  }

  private static WebhookSubscription row(ResultSet rs, int n) throws SQLException {
    Array events = rs.getArray("events");
    Timestamp until = rs.getTimestamp("previous_secret_until");
    long service = rs.getLong("service_id");
    Long serviceId = rs.wasNull() ? null : service;
    return new WebhookSubscription(
        rs.getLong("id"),
        rs.getLong("account_id"),
        serviceId,
        rs.getString("url"),
        rs.getString("description"),
        events == null ? List.of() : new ArrayList<>(Arrays.asList((String[]) events.getArray())),
        rs.getBoolean("enabled"),
        until == null ? null : until.toInstant(),
        rs.getTimestamp("created_at").toInstant());
  }

  private static OnCallRefusal notFound() {
    return OnCallRefusal.notFound("webhook");
  }

  private static String newSecret() {
    byte[] secret = new byte[32];
    RANDOM.nextBytes(secret);
    return "vwhsec_" + HexFormat.of().formatHex(secret);
  }
}
