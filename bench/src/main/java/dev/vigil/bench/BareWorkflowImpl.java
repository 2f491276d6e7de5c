package dev.vigil.bench;

import io.temporal.workflow.Workflow;
import java.time.Duration;

public class BareWorkflowImpl implements BareWorkflow {

  private int signals;
  private boolean stopped;

  @Override
  public long run(long sleepMillis) {
    if (sleepMillis > 0) {
      long due = Workflow.currentTimeMillis() + sleepMillis;
      Workflow.sleep(Duration.ofMillis(sleepMillis));
      return Workflow.currentTimeMillis() - due;
    }
    if (sleepMillis == UNTIL_STOP) {
      Workflow.await(() -> stopped);
    } else {
      Workflow.await(() -> signals > 0);
    }
    return 0;
  }

  @Override
  public void signal(String value) {
    signals++;
    if ("stop".equals(value)) {
      stopped = true;
    }
  }
}
