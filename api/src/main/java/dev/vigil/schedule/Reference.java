package dev.vigil.schedule;

/** Another object named in an answer: {@code {"id": 12, "name": "Alice Adams"}}. */
record Reference(long id, String name) {}
