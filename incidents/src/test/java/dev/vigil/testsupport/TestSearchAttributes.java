package dev.vigil.testsupport;

import dev.vigil.search.VigilSearchAttributes;
import io.temporal.common.SearchAttributeKey;
import io.temporal.testing.TestWorkflowEnvironment;

/**
 * Vigil's search attributes on a time-skipping test server, as the application registers them on a
 * real namespace at start: an unknown attribute would fail the start, or the workflow task of an
 * upsert.
 */
public final class TestSearchAttributes {

  private TestSearchAttributes() {}

  public static void register(TestWorkflowEnvironment env) {
    for (SearchAttributeKey<?> key : VigilSearchAttributes.ALL) {
      env.registerSearchAttribute(key.getName(), key.getValueType());
    }
  }
}
