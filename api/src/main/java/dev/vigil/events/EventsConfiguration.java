package dev.vigil.events;

import dev.vigil.incident.record.AlertGroups;
import dev.vigil.incident.record.AlertIntake;
import dev.vigil.incident.record.AlertResolutions;
import dev.vigil.incident.record.AlertStore;
import dev.vigil.incident.record.IncidentEvents;
import dev.vigil.incident.record.PagingFence;
import dev.vigil.oncall.maintenance.MaintenanceWindows;
import dev.vigil.oncall.service.ServiceStore;
import dev.vigil.search.SearchAttributeRegistration;
import io.temporal.client.WorkflowClient;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.databind.ObjectMapper;

@Configuration(proxyBeanMethods = false)
class EventsConfiguration {

  @Bean
  IncidentEvents incidentEvents(
      WorkflowClient temporal,
      AlertStore alerts,
      SearchAttributeRegistration searchAttributes,
      PagingFence fence,
      AlertResolutions resolutions) {
    return new IncidentEvents(temporal, alerts, searchAttributes, fence, resolutions);
  }

  @Bean
  AlertIntake alertIntake(
      IncidentEvents incidents,
      ServiceStore services,
      AlertGroups groups,
      MaintenanceWindows maintenance,
      AlertStore alerts) {
    return new AlertIntake(incidents, services, groups, maintenance, alerts);
  }

  @Bean
  EventParser eventParser(ObjectMapper objectMapper) {
    return new EventParser(objectMapper);
  }
}
