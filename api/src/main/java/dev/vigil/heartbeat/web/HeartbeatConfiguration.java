package dev.vigil.heartbeat.web;

import dev.vigil.heartbeat.monitor.HeartbeatActivitiesImpl;
import dev.vigil.heartbeat.monitor.Heartbeats;
import dev.vigil.incident.record.AlertIntake;
import dev.vigil.incident.record.IncidentEvents;
import dev.vigil.oncall.heartbeat.HeartbeatMonitors;
import io.temporal.client.WorkflowClient;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.databind.ObjectMapper;

/** Heartbeat monitors' workflow client and activities, on the incidents' worker. */
@Configuration(proxyBeanMethods = false)
class HeartbeatConfiguration {

  @Bean
  Heartbeats heartbeats(WorkflowClient temporal, HeartbeatMonitors monitors) {
    return new Heartbeats(temporal, monitors);
  }

  @Bean
  HeartbeatActivitiesImpl heartbeatActivitiesImpl(
      HeartbeatMonitors monitors,
      AlertIntake intake,
      IncidentEvents incidents,
      ObjectMapper objectMapper) {
    return new HeartbeatActivitiesImpl(monitors, intake, incidents, objectMapper);
  }
}
