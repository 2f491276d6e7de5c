package dev.vigil.bench;

import io.temporal.workflow.SignalMethod;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/**
 * The baseline: the least a workflow can do on the same server. Started by signal-with-start as an
 * incident is; it completes on its first signal, or sleeps and says how late its timer fired, or
 * takes signals until told to stop.
 */
@WorkflowInterface
public interface BareWorkflow {

  String TASK_QUEUE = "bench-bare";

  /** Completes after the first signal. */
  long COMPLETE_ON_SIGNAL = 0;

  /** Takes signals until one says "stop". */
  long UNTIL_STOP = -1;

  /**
   * @param sleepMillis greater than 0: sleep that long and answer how late (ms, by workflow time)
   *     the timer fired; else {@link #COMPLETE_ON_SIGNAL} or {@link #UNTIL_STOP}
   */
  @WorkflowMethod
  long run(long sleepMillis);

  @SignalMethod
  void signal(String value);
}
