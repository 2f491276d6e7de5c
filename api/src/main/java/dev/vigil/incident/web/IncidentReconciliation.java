package dev.vigil.incident.web;

import dev.vigil.incident.record.IncidentReconciler;
import dev.vigil.incident.record.OpenIncidents;
import dev.vigil.search.SearchAttributeRegistration;
import dev.vigil.temporal.SearchAttributeRegistrar;
import io.temporal.client.WorkflowClient;
import java.time.Duration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Open incidents are checked against Temporal at start and then periodically. */
@Configuration(proxyBeanMethods = false)
class IncidentReconciliation {

  @Bean
  IncidentReconciler incidentReconciler(
      WorkflowClient temporal,
      OpenIncidents incidents,
      @Value("${vigil.incidents.reconcile-every:60s}") Duration every,
      SearchAttributeRegistration searchAttributes,
      SearchAttributeRegistrar registrar) {
    return new IncidentReconciler(
        temporal, incidents, every, searchAttributes, registrar::register);
  }
}
