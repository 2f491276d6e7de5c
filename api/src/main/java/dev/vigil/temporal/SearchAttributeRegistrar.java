package dev.vigil.temporal;

import dev.vigil.search.SearchAttributeRegistration;
import dev.vigil.search.VigilSearchAttributes;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.temporal.api.enums.v1.IndexedValueType;
import io.temporal.api.operatorservice.v1.AddSearchAttributesRequest;
import io.temporal.api.operatorservice.v1.ListSearchAttributesRequest;
import io.temporal.api.operatorservice.v1.OperatorServiceGrpc;
import io.temporal.common.SearchAttributeKey;
import io.temporal.serviceclient.OperatorServiceStubs;
import io.temporal.serviceclient.OperatorServiceStubsOptions;
import io.temporal.serviceclient.WorkflowServiceStubs;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Registers Vigil's search attributes ({@link VigilSearchAttributes#ALL}) on the namespace through
 * Temporal's OperatorService: lists what the namespace has, adds only what is missing, and takes
 * "already exists" (another replica won the race) as success. A server that refuses (a cloud
 * namespace without the permission, a server without the OperatorService) is told in one warning
 * that names the attributes and the command that adds them; Vigil then runs without them.
 */
public final class SearchAttributeRegistrar {

  private static final Logger log = LoggerFactory.getLogger(SearchAttributeRegistrar.class);

  /** Waits for a server that is still starting, as the embedded one may be. */
  private static final Duration TIMEOUT = Duration.ofSeconds(30);

  private final WorkflowServiceStubs stubs;
  private final String namespace;

  SearchAttributeRegistrar(WorkflowServiceStubs stubs, String namespace) {
    this.stubs = stubs;
    this.namespace = namespace;
  }

  public SearchAttributeRegistration register() {
    Map<String, IndexedValueType> wanted = wanted();
    // The workflow client's channel, headers and credentials: whatever reaches the frontend.
    OperatorServiceStubs operator =
        OperatorServiceStubs.newServiceStubs(
            OperatorServiceStubsOptions.newBuilder(stubs.getOptions())
                .setChannel(stubs.getRawChannel())
                .setTarget(null)
                .validateAndBuildWithDefaults());
    try {
      Map<String, IndexedValueType> missing;
      try {
        missing = missing(operator, wanted);
      } catch (StatusRuntimeException e) {
        if (e.getStatus().getCode() != Status.Code.UNIMPLEMENTED) {
          throw e;
        }
        // The SDK's test server adds search attributes but cannot list them: add each one.
        wanted.forEach((name, type) -> add(operator, Map.of(name, type)));
        log.info("Registered Vigil's search attributes on Temporal namespace {}", namespace);
        return SearchAttributeRegistration.REGISTERED;
      }
      if (missing.isEmpty()) {
        log.debug("Temporal namespace {} has Vigil's search attributes", namespace);
        return SearchAttributeRegistration.REGISTERED;
      }
      add(operator, missing);
      log.info(
          "Registered search attributes {} on Temporal namespace {}", missing.keySet(), namespace);
      return SearchAttributeRegistration.REGISTERED;
    } catch (StatusRuntimeException refused) {
      log.warn(
          "Could not register Vigil's search attributes on Temporal namespace {} ({}): incidents"
              + " and invoices run, but the Temporal UI cannot find them by account, number or"
              + " status. Add them once, then restart Vigil: {}",
          namespace,
          refused.getStatus().getCode() + describe(refused.getStatus()),
          createCommands(namespace, wanted));
      return SearchAttributeRegistration.MISSING;
    } finally {
      operator.shutdown(); // the channel is the workflow client's: it stays open
    }
  }

  private Map<String, IndexedValueType> missing(
      OperatorServiceStubs operator, Map<String, IndexedValueType> wanted) {
    var existing =
        blocking(operator)
            .listSearchAttributes(
                ListSearchAttributesRequest.newBuilder().setNamespace(namespace).build());
    Map<String, IndexedValueType> missing = new LinkedHashMap<>();
    wanted.forEach(
        (name, type) -> {
          IndexedValueType has = existing.getCustomAttributesMap().get(name);
          if (has == null) {
            missing.put(name, type);
          } else if (has != type) {
            throw Status.FAILED_PRECONDITION
                .withDescription(name + " exists as " + typeName(has) + ", not " + typeName(type))
                .asRuntimeException();
          }
        });
    return missing;
  }

  private void add(OperatorServiceStubs operator, Map<String, IndexedValueType> missing) {
    try {
      blocking(operator)
          .addSearchAttributes(
              AddSearchAttributesRequest.newBuilder()
                  .setNamespace(namespace)
                  .putAllSearchAttributes(missing)
                  .build());
    } catch (StatusRuntimeException e) {
      if (e.getStatus().getCode() != Status.Code.ALREADY_EXISTS) {
        throw e;
      }
      // Another replica registered them between our list and our add (or this server cannot
      // list): what we wanted is there.
    }
  }

  private static OperatorServiceGrpc.OperatorServiceBlockingStub blocking(
      OperatorServiceStubs operator) {
    return operator
        .blockingStub()
        .withWaitForReady()
        .withDeadlineAfter(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
  }

  private static Map<String, IndexedValueType> wanted() {
    Map<String, IndexedValueType> wanted = new LinkedHashMap<>();
    for (SearchAttributeKey<?> key : VigilSearchAttributes.ALL) {
      wanted.put(key.getName(), key.getValueType());
    }
    return wanted;
  }

  /** What an operator types, one command per attribute, separated by {@code ;}. */
  static String createCommands(String namespace, Map<String, IndexedValueType> attributes) {
    return attributes.entrySet().stream()
        .map(
            e ->
                "temporal operator search-attribute create --namespace "
                    + namespace
                    + " --name "
                    + e.getKey()
                    + " --type "
                    + typeName(e.getValue()))
        .collect(Collectors.joining("; "));
  }

  /** Int, Keyword, ... as the Temporal CLI names them. */
  static String typeName(IndexedValueType type) {
    return switch (type) {
      case INDEXED_VALUE_TYPE_INT -> "Int";
      case INDEXED_VALUE_TYPE_KEYWORD -> "Keyword";
      case INDEXED_VALUE_TYPE_TEXT -> "Text";
      case INDEXED_VALUE_TYPE_BOOL -> "Bool";
      case INDEXED_VALUE_TYPE_DOUBLE -> "Double";
      case INDEXED_VALUE_TYPE_DATETIME -> "Datetime";
      case INDEXED_VALUE_TYPE_KEYWORD_LIST -> "KeywordList";
      default -> type.name();
    };
  }

  private static String describe(Status status) {
    return status.getDescription() == null ? "" : ": " + status.getDescription();
  }
}
