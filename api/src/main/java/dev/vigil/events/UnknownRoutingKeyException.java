package dev.vigil.events;

import java.util.List;

/** A well-formed event whose routing key names no integration (or a retired one). */
class UnknownRoutingKeyException extends InvalidEventException {

  UnknownRoutingKeyException() {
    super(List.of("'routing_key' does not match any integration"));
  }
}
