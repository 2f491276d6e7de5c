package dev.vigil.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.grpc.Status;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.client.WorkflowServiceException;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import tools.jackson.databind.json.JsonMapper;

/**
 * What the parser does with values PostgreSQL could never store (docs/decisions/0017), and which
 * failures the intake calls transient. The whole path is in {@link MalformedEventCorpusTest}.
 */
class StorableEventTest {

  private final EventParser parser = new EventParser(JsonMapper.builder().build());

  private static String trigger(String dedupKey, String payloadExtra) {
    return """
        {"routing_key": "0123456789abcdef0123456789abcdef", "event_action": "trigger",
         "dedup_key": %s, "client": "mon\\u0000itor",
         "payload": {"summary": "disk\\u0000full \\ud800", "source": "db-01", "severity": "error"%s}}"""
        .formatted(dedupKey, payloadExtra);
  }

  private EnqueueEvent parse(String json) {
    return parser.parse(json.getBytes(StandardCharsets.UTF_8));
  }

  private InvalidEventException refused(String json) {
    return catchThrowableOfType(InvalidEventException.class, () -> parse(json));
  }

  @Test
  void nulAndUnpairedSurrogatesInFreeTextBecomeTheReplacementCharacter() {
    EnqueueEvent event =
        parse(
            trigger(
                "\"k\"",
                ", \"custom_details\": {\"a\\u0000b\": \"x\\u0000\", \"emoji\": \"\\ud83d\\udea8\"}"));

    assertThat(event.payload().summary()).isEqualTo("disk\uFFFDfull \uFFFD");
    assertThat(event.client()).isEqualTo("mon\uFFFDitor");
    assertThat(event.payload().customDetailsJson())
        .isEqualTo("{\"a\uFFFDb\":\"x\uFFFD\",\"emoji\":\"\uD83D\uDEA8\"}");
  }

  @Test
  void nulInADedupKeyIsRefusedNamingTheField() {
    assertThat(refused(trigger("\"disk\\u0000full\"", "")).errors())
        .containsExactly("'dedup_key' contains a NUL character or an unpaired surrogate");
    assertThat(refused(trigger("\"disk\\udc00\"", "")).errors())
        .containsExactly("'dedup_key' contains a NUL character or an unpaired surrogate");
  }

  @Test
  void numbersPostgresCannotHoldAreRefusedNamingTheirPath() {
    InvalidEventException e =
        refused(
            trigger(
                "\"k\"",
                ", \"custom_details\": {\"big\": 1e999999999, \"list\": [1, -12345e998], \"ok\": 1e1000}"));

    assertThat(e.errors())
        .containsExactly(
            "'payload.custom_details.big' is a number out of range (exponent beyond ±1000)",
            "'payload.custom_details.list[1]' is a number out of range (exponent beyond ±1000)");
  }

  @Test
  void anExponentBeyondWhatJavaReadsIsNotJson() {
    assertThat(refused(trigger("\"k\"", ", \"custom_details\": 1e-9999999999")).errors())
        .containsExactly(EventParser.NOT_A_JSON_OBJECT);
  }

  @Test
  void timestampsOutsideFourDigitYearsAreRefused() {
    String outOfRange = "'payload.timestamp' is out of range (years 0001 to 9999, UTC)";
    assertThat(refused(trigger("\"k\"", ", \"timestamp\": \"+10000-01-01T00:00:00Z\"")).errors())
        .containsExactly(outOfRange);
    assertThat(refused(trigger("\"k\"", ", \"timestamp\": \"0001-01-01T00:00:00+01:00\"")).errors())
        .containsExactly(outOfRange);
    assertThat(parse(trigger("\"k\"", ", \"timestamp\": \"9999-12-31T23:59:59Z\"")).payload())
        .isNotNull();
  }

  @Test
  void onlyUnreachableOrOverloadedBackendsAreTransient() {
    assertThat(
            TransientFailures.isTransient(
                new CannotGetJdbcConnectionException("pool", new SQLException("refused"))))
        .isTrue();
    assertThat(TransientFailures.isTransient(new QueryTimeoutException("slow"))).isTrue();
    assertThat(
            TransientFailures.isTransient(
                new WorkflowServiceException(
                    WorkflowExecution.getDefaultInstance(),
                    "IncidentWorkflow",
                    Status.UNAVAILABLE.asRuntimeException())))
        .isTrue();

    assertThat(
            TransientFailures.isTransient(
                new DataIntegrityViolationException("invalid byte sequence for encoding")))
        .isFalse();
    assertThat(
            TransientFailures.isTransient(
                new WorkflowServiceException(
                    WorkflowExecution.getDefaultInstance(),
                    "IncidentWorkflow",
                    Status.INVALID_ARGUMENT.asRuntimeException())))
        .isFalse();
    assertThat(TransientFailures.isTransient(new IllegalArgumentException("overflow"))).isFalse();
  }
}
