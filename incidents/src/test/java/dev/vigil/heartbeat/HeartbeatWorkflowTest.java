package dev.vigil.heartbeat;

import static dev.vigil.testsupport.TestTeam.level;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.heartbeat.monitor.Heartbeats;
import dev.vigil.oncall.heartbeat.HeartbeatMonitorRequest;
import dev.vigil.oncall.heartbeat.HeartbeatMonitors;
import dev.vigil.testsupport.IncidentRecords.Incident;
import dev.vigil.testsupport.IncidentWorkflowTestBase;
import dev.vigil.testsupport.WorkflowHistories;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A heartbeat monitor's workflow on the time-skipping server with the real activities: hours of a
 * job's life in seconds.
 */
class HeartbeatWorkflowTest extends IncidentWorkflowTestBase {

  @Autowired HeartbeatMonitors monitors;

  private Heartbeats heartbeats;
  private long service;
  private long alice;

  @BeforeEach
  void backupsService() {
    heartbeats = new Heartbeats(temporal.client(), monitors);
    alice = team.user("Alice");
    service = team.service("Backups", 0, level(Duration.ofMinutes(30), alice));
  }

  @Test
  void anHourOfSilenceOpensOneIncidentAndTheNextPingResolvesIt() {
    HeartbeatMonitors.Created monitor =
        monitors.create(
            team.accountId(), service, new HeartbeatMonitorRequest("nightly-backup", 3600));
    ping(monitor);

    // Pings inside the hour keep it quiet, each restarting the hour.
    temporal.sleep(Duration.ofMinutes(50));
    ping(monitor);
    temporal.sleep(Duration.ofMinutes(50));
    assertThat(records.incidents(team.accountId())).isEmpty();

    // An hour and a bit after the last ping: the monitor is down, its incident pages Alice.
    temporal.sleep(Duration.ofMinutes(15));
    Incident down = records.awaitIncident(team.accountId(), 1, i -> true);
    assertThat(down.title()).isEqualTo("Heartbeat 'nightly-backup' missed: no ping for 1 hour");
    assertThat(down.status()).isEqualTo("triggered");
    assertThat(inbox.awaitMessages(team.accountId(), 1).get(0).recipient())
        .isIn(team.phone(alice), team.email(alice));
    assertThat(status(monitor)).isEqualTo("down");

    // Hours more of silence: still the one incident and its one alert.
    temporal.sleep(Duration.ofHours(5));
    assertThat(records.incidents(team.accountId())).hasSize(1);
    assertThat(records.incident(team.accountId(), 1).alertCount()).isEqualTo(1);

    // The job reports again: the incident resolves and the hour starts over.
    ping(monitor);
    records.awaitIncident(team.accountId(), 1, i -> "resolved".equals(i.status()));
    temporal.sleep(Duration.ofMinutes(59));
    assertThat(records.incidents(team.accountId())).hasSize(1);
    assertThat(status(monitor)).isEqualTo("up");

    WorkflowHistories.recordIfEnabled(
        temporal.client(),
        HeartbeatWorkflow.workflowId(monitor.monitor().id()),
        "heartbeat-missed-then-recovered");
  }

  @Test
  void aDeletedMonitorStopsWatchingAndOpensNothing() {
    HeartbeatMonitors.Created monitor =
        monitors.create(team.accountId(), service, new HeartbeatMonitorRequest("queue-drain", 600));
    ping(monitor);
    monitors.delete(team.accountId(), service, monitor.monitor().id());
    heartbeats.stop(monitor.monitor().id());

    temporal.sleep(Duration.ofHours(2));
    assertThat(records.incidents(team.accountId())).isEmpty();
    assertThat(heartbeats.ping(monitor.secret(), (id, account) -> {})).isEmpty();
  }

  @Test
  void aChangedIntervalAppliesFromTheNextPing() {
    HeartbeatMonitors.Created monitor =
        monitors.create(team.accountId(), service, new HeartbeatMonitorRequest("etl", 3600));
    ping(monitor);
    monitors.update(
        team.accountId(),
        service,
        monitor.monitor().id(),
        new HeartbeatMonitorRequest("etl", 6 * 3600));
    ping(monitor);

    temporal.sleep(Duration.ofHours(5));
    assertThat(records.incidents(team.accountId())).isEmpty();
    temporal.sleep(Duration.ofHours(1).plusMinutes(5));
    assertThat(records.awaitIncident(team.accountId(), 1, i -> true).title())
        .isEqualTo("Heartbeat 'etl' missed: no ping for 6 hours");
  }

  private void ping(HeartbeatMonitors.Created monitor) {
    assertThat(heartbeats.ping(monitor.secret(), (id, account) -> {})).isPresent();
  }

  private String status(HeartbeatMonitors.Created monitor) {
    return monitors.find(team.accountId(), service, monitor.monitor().id()).orElseThrow().status();
  }
}
