package dev.vigil.escalation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;
import org.junit.jupiter.api.Test;

/** The order in which an incident's escalation policy pages its levels. */
class EscalationCursorTest {

  private static final PolicySnapshot.Level FIRST = level(300, 1);
  private static final PolicySnapshot.Level SECOND = level(600, 2);
  private static final PolicySnapshot.Level THIRD = level(900, 3);

  @Test
  void walksTheLevelsInOrderOnce() {
    PolicySnapshot policy = policy(0, FIRST, SECOND, THIRD);

    assertThat(walk(policy))
        .extracting(
            EscalationCursor.Step::round,
            EscalationCursor.Step::level,
            EscalationCursor.Step::definition)
        .containsExactly(tuple(1, 1, FIRST), tuple(1, 2, SECOND), tuple(1, 3, THIRD));
  }

  @Test
  void repeatsTheWholePolicyRepeatCountMoreTimes() {
    PolicySnapshot policy = policy(2, FIRST, SECOND);

    assertThat(walk(policy))
        .extracting(EscalationCursor.Step::round, EscalationCursor.Step::level)
        .containsExactly(
            tuple(1, 1), tuple(1, 2), tuple(2, 1), tuple(2, 2), tuple(3, 1), tuple(3, 2));
  }

  @Test
  void aSingleLevelPolicyRepeatsThatLevel() {
    PolicySnapshot policy = policy(1, FIRST);

    assertThat(walk(policy))
        .extracting(
            EscalationCursor.Step::round,
            EscalationCursor.Step::level,
            EscalationCursor.Step::definition)
        .containsExactly(tuple(1, 1, FIRST), tuple(2, 1, FIRST));
  }

  @Test
  void aWalkStartedByHandAtALevelGoesOnFromThereThroughTheRemainingPasses() {
    PolicySnapshot policy = policy(1, FIRST, SECOND, THIRD);

    EscalationCursor cursor = new EscalationCursor(policy, 1, 3);
    List<EscalationCursor.Step> steps = new ArrayList<>();
    while (cursor.hasNext()) {
      steps.add(cursor.next());
    }

    assertThat(steps)
        .extracting(EscalationCursor.Step::round, EscalationCursor.Step::level)
        .containsExactly(tuple(1, 3), tuple(2, 1), tuple(2, 2), tuple(2, 3));
    assertThatThrownBy(() -> new EscalationCursor(policy, 1, 4))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new EscalationCursor(policy, 1, 0))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void anEmptyPolicyHasNothingToPageWhateverItsRepeats() {
    EscalationCursor cursor = new EscalationCursor(policy(3));

    assertThat(cursor.hasNext()).isFalse();
    assertThatThrownBy(cursor::next).isInstanceOf(NoSuchElementException.class);
  }

  @Test
  void anExhaustedCursorRefusesAnotherStep() {
    EscalationCursor cursor = new EscalationCursor(policy(0, FIRST));
    cursor.next();

    assertThat(cursor.hasNext()).isFalse();
    assertThatThrownBy(cursor::next).isInstanceOf(NoSuchElementException.class);
  }

  @Test
  void onlyTheLastLevelOfTheLastPassIsLast() {
    PolicySnapshot policy = policy(1, FIRST, SECOND);

    // The workflow waits out every level's delay except the last one's: then it is exhausted.
    assertThat(walk(policy))
        .extracting(step -> step.isLast(policy))
        .containsExactly(false, false, false, true);
  }

  @Test
  void theOnlyLevelOfAPolicyWithoutRepeatsIsLast() {
    PolicySnapshot policy = policy(0, FIRST);

    assertThat(new EscalationCursor(policy).next().isLast(policy)).isTrue();
  }

  private static List<EscalationCursor.Step> walk(PolicySnapshot policy) {
    EscalationCursor cursor = new EscalationCursor(policy);
    List<EscalationCursor.Step> steps = new ArrayList<>();
    while (cursor.hasNext()) {
      steps.add(cursor.next());
      if (steps.size() > 100) {
        throw new AssertionError("cursor never ends: " + steps.subList(0, 10));
      }
    }
    return steps;
  }

  private static PolicySnapshot policy(int repeatCount, PolicySnapshot.Level... levels) {
    return new PolicySnapshot(7, "Web", repeatCount, List.of(levels));
  }

  private static PolicySnapshot.Level level(int delaySeconds, long userId) {
    return new PolicySnapshot.Level(delaySeconds, List.of(EscalationTarget.user(userId)));
  }
}
