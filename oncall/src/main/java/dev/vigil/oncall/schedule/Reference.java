package dev.vigil.oncall.schedule;

/** Another object named in an answer: {@code {"id": 12, "name": "Alice Adams"}}. */
public record Reference(long id, String name) {}
