package dev.vigil.escalation;

import java.util.NoSuchElementException;

/**
 * Walks a policy's levels in order, then again for each repeat. Plain state, so it lives in
 * workflow code and is unit-tested on its own.
 */
public final class EscalationCursor {

  private final PolicySnapshot policy;
  private int round = 1;
  private int nextLevel = 1;

  public EscalationCursor(PolicySnapshot policy) {
    this.policy = policy;
  }

  /** A walk that starts at a given level of a given pass, for a responder escalating by hand. */
  public EscalationCursor(PolicySnapshot policy, int round, int level) {
    if (level < 1 || level > policy.levels().size() || round < 1) {
      throw new IllegalArgumentException("no level " + level + " in pass " + round);
    }
    this.policy = policy;
    this.round = round;
    this.nextLevel = level;
  }

  public boolean hasNext() {
    return !policy.levels().isEmpty() && round <= policy.repeatCount() + 1;
  }

  public Step next() {
    if (!hasNext()) {
      throw new NoSuchElementException("escalation policy exhausted");
    }
    Step step = new Step(round, nextLevel, policy.levels().get(nextLevel - 1));
    if (nextLevel == policy.levels().size()) {
      nextLevel = 1;
      round++;
    } else {
      nextLevel++;
    }
    return step;
  }

  /** A level about to fire, in a given pass (round) through the policy. Both are 1-based. */
  public record Step(int round, int level, PolicySnapshot.Level definition) {

    public boolean isLast(PolicySnapshot policy) {
      return round == policy.repeatCount() + 1 && level == policy.levels().size();
    }
  }
}
