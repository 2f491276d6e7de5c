package dev.vigil.notification;

public enum Channel {
  SMS,
  VOICE,
  EMAIL;

  public String wireName() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
