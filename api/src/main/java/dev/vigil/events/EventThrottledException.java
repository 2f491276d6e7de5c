package dev.vigil.events;

import dev.vigil.ratelimit.KeyedLimiter.Admission;

/** An event over a rate limit: refused before anything is stored, to be sent again later. */
class EventThrottledException extends RuntimeException {

  private final Admission admission;

  EventThrottledException(Admission admission, String why) {
    super(why);
    this.admission = admission;
  }

  long retryAfterSeconds() {
    return admission.retryAfterSeconds();
  }
}
