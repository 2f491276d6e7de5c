package dev.vigil.embedded;

import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;

/** {@code TEMPORAL_ADDRESS} is the switch between a real Temporal and the in-process dev server. */
class NoTemporalAddressConfigured implements Condition {

  static final String TEMPORAL_ADDRESS = "TEMPORAL_ADDRESS";

  @Override
  public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
    String address = context.getEnvironment().getProperty(TEMPORAL_ADDRESS);
    return address == null || address.isBlank();
  }
}
