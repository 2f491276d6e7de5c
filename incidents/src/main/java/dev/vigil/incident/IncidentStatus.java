package dev.vigil.incident;

public enum IncidentStatus {
  TRIGGERED,
  ACKNOWLEDGED,
  RESOLVED;

  public String wireName() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
