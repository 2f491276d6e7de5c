package dev.vigil.testsupport;

import dev.vigil.oncall.OnCallSetup;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * What every incident workflow test starts from: a time-skipping Temporal server with the real
 * activities on PostgreSQL, a team of its own per test, and what a user would look at: the dev
 * inbox (who was paged, when) and the incident's record and timeline.
 */
@SpringBootTest(classes = ActivitiesTestApplication.class)
public abstract class IncidentWorkflowTestBase {

  @RegisterExtension
  protected final IncidentWorkflowExtension temporal = new IncidentWorkflowExtension();

  @Autowired protected OnCallSetup onCall;
  @Autowired protected JdbcClient jdbc;
  @Autowired protected DataSource dataSource;

  protected DevInbox inbox;
  protected IncidentRecords records;
  protected TestTeam team;

  @BeforeEach
  void setUpTeam(TestInfo test) {
    inbox = new DevInbox(jdbc);
    records = new IncidentRecords(jdbc, dataSource);
    team = TestTeam.create(onCall, test.getTestMethod().orElseThrow().getName());
  }
}
