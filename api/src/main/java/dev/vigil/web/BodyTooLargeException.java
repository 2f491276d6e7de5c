package dev.vigil.web;

import java.io.IOException;

/** A request body over {@link RequestSizeLimit}'s limit, found while it is being read. */
class BodyTooLargeException extends IOException {

  BodyTooLargeException(long limit) {
    super("Body is larger than " + limit / 1024 + " KB");
  }
}
