package dev.vigil.incident;

import dev.vigil.search.SearchAttributeRegistration;
import dev.vigil.temporal.SearchAttributeRegistrar;
import io.temporal.client.WorkflowClient;
import java.time.Duration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/** Open incidents are checked against Temporal at start and then periodically. */
@Configuration(proxyBeanMethods = false)
class IncidentReconciliation {

  @Bean
  IncidentReconciler incidentReconciler(
      WorkflowClient temporal,
      JdbcClient jdbc,
      TransactionTemplate tx,
      IncidentTimeline timeline,
      @Value("${vigil.incidents.reconcile-every:60s}") Duration every,
      SearchAttributeRegistration searchAttributes,
      SearchAttributeRegistrar registrar) {
    return new IncidentReconciler(
        temporal, jdbc, tx, timeline, every, searchAttributes, registrar::register);
  }
}
