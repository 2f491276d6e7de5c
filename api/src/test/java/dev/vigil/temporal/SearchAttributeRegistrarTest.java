package dev.vigil.temporal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.search.SearchAttributeRegistration;
import io.grpc.ManagedChannel;
import io.grpc.Server;
import io.grpc.Status;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import io.grpc.stub.StreamObserver;
import io.temporal.api.enums.v1.IndexedValueType;
import io.temporal.api.operatorservice.v1.AddSearchAttributesRequest;
import io.temporal.api.operatorservice.v1.AddSearchAttributesResponse;
import io.temporal.api.operatorservice.v1.ListSearchAttributesRequest;
import io.temporal.api.operatorservice.v1.ListSearchAttributesResponse;
import io.temporal.api.operatorservice.v1.OperatorServiceGrpc;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/**
 * Registration on a namespace through Temporal's OperatorService: against a stand-in of a cluster's
 * OperatorService (which lists, adds and refuses as a cluster does), and against the SDK's test
 * server.
 */
@ExtendWith(OutputCaptureExtension.class)
class SearchAttributeRegistrarTest {

  private static final Map<String, IndexedValueType> ALL =
      Map.of(
          "VigilAccountId", IndexedValueType.INDEXED_VALUE_TYPE_INT,
          "VigilIncidentNumber", IndexedValueType.INDEXED_VALUE_TYPE_INT,
          "VigilServiceId", IndexedValueType.INDEXED_VALUE_TYPE_INT,
          "VigilIncidentStatus", IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD,
          "VigilUrgency", IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD,
          "VigilInvoiceNumber", IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD,
          "VigilInvoiceStatus", IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD);

  private Server server;
  private ManagedChannel channel;
  private WorkflowServiceStubs stubs;

  @AfterEach
  void close() {
    if (stubs != null) {
      stubs.shutdownNow();
      channel.shutdownNow();
      server.shutdownNow();
    }
  }

  @Test
  void listsFirstThenAddsOnlyWhatIsMissingWithItsType() throws IOException {
    Cluster cluster =
        new Cluster(
            Map.of(
                "VigilAccountId", IndexedValueType.INDEXED_VALUE_TYPE_INT,
                "VigilUrgency", IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD));

    assertThat(register(cluster, "default").registered()).isTrue();

    assertThat(cluster.added).hasSize(1);
    AddSearchAttributesRequest added = cluster.added.get(0);
    assertThat(added.getNamespace()).isEqualTo("default");
    assertThat(added.getSearchAttributesMap())
        .containsOnlyKeys(
            "VigilIncidentNumber",
            "VigilServiceId",
            "VigilIncidentStatus",
            "VigilInvoiceNumber",
            "VigilInvoiceStatus")
        .containsEntry("VigilIncidentNumber", IndexedValueType.INDEXED_VALUE_TYPE_INT)
        .containsEntry("VigilInvoiceStatus", IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD);
  }

  @Test
  void aNamespaceThatHasThemAllIsLeftAlone() throws IOException {
    Cluster cluster = new Cluster(ALL);

    assertThat(register(cluster, "default").registered()).isTrue();
    assertThat(cluster.added).isEmpty();
  }

  @Test
  void anotherReplicaAddingThemFirstIsFine() throws IOException {
    Cluster cluster = new Cluster(Map.of());
    cluster.addFails = Status.ALREADY_EXISTS.withDescription("already exists");

    assertThat(register(cluster, "default").registered()).isTrue();
  }

  @Test
  void anAttributeOfTheSameNameAndAnotherTypeIsReportedNotUsed(CapturedOutput output)
      throws IOException {
    Cluster cluster =
        new Cluster(Map.of("VigilIncidentNumber", IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD));

    assertThat(register(cluster, "default").registered()).isFalse();
    assertThat(cluster.added).isEmpty();
    assertThat(output).contains("VigilIncidentNumber exists as Keyword, not Int");
  }

  @Test
  void aNamespaceThatRefusesGetsOneWarningThatSaysHowToAddThem(CapturedOutput output)
      throws IOException {
    // A cloud namespace whose API key may not manage search attributes.
    Cluster cluster = new Cluster(Map.of());
    cluster.listFails = Status.PERMISSION_DENIED.withDescription("Request unauthorized.");

    assertThat(register(cluster, "acme.a1b2c").registered()).isFalse();

    assertThat(output)
        .contains("Could not register Vigil's search attributes on Temporal namespace acme.a1b2c")
        .contains("PERMISSION_DENIED: Request unauthorized.")
        .contains(
            "temporal operator search-attribute create --namespace acme.a1b2c"
                + " --name VigilAccountId --type Int")
        .contains("--name VigilInvoiceStatus --type Keyword");
    assertThat(output.toString().lines().filter(line -> line.contains("WARN"))).hasSize(1);
  }

  @Test
  void registersThemOnTheSdksTestServerWhichCannotListThem() {
    try (TestWorkflowEnvironment temporal = TestWorkflowEnvironment.newInstance()) {
      SearchAttributeRegistrar registrar =
          new SearchAttributeRegistrar(temporal.getWorkflowServiceStubs(), temporal.getNamespace());

      assertThat(registrar.register().registered()).isTrue();
      assertThat(registrar.register().registered()).as("a restart").isTrue();
      // Registering one again is refused as already there.
      ALL.forEach(
          (name, type) -> assertThat(temporal.registerSearchAttribute(name, type)).isFalse());
    }
  }

  private SearchAttributeRegistration register(Cluster cluster, String namespace)
      throws IOException {
    String name = InProcessServerBuilder.generateName();
    server = InProcessServerBuilder.forName(name).addService(cluster).build().start();
    channel = InProcessChannelBuilder.forName(name).build();
    stubs =
        WorkflowServiceStubs.newServiceStubs(
            WorkflowServiceStubsOptions.newBuilder().setChannel(channel).build());
    return new SearchAttributeRegistrar(stubs, namespace).register();
  }

  /** A cluster's OperatorService: lists the namespace's custom attributes, records each add. */
  private static final class Cluster extends OperatorServiceGrpc.OperatorServiceImplBase {

    final Map<String, IndexedValueType> existing;
    final List<AddSearchAttributesRequest> added = new CopyOnWriteArrayList<>();
    Status listFails;
    Status addFails;

    Cluster(Map<String, IndexedValueType> existing) {
      this.existing = existing;
    }

    @Override
    public void listSearchAttributes(
        ListSearchAttributesRequest request,
        StreamObserver<ListSearchAttributesResponse> response) {
      if (listFails != null) {
        response.onError(listFails.asRuntimeException());
        return;
      }
      response.onNext(
          ListSearchAttributesResponse.newBuilder().putAllCustomAttributes(existing).build());
      response.onCompleted();
    }

    @Override
    public void addSearchAttributes(
        AddSearchAttributesRequest request, StreamObserver<AddSearchAttributesResponse> response) {
      if (addFails != null) {
        response.onError(addFails.asRuntimeException());
        return;
      }
      added.add(request);
      response.onNext(AddSearchAttributesResponse.getDefaultInstance());
      response.onCompleted();
    }
  }
}
