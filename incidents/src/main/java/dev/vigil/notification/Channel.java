package dev.vigil.notification;

public enum Channel {
  SMS("SMS"),
  VOICE("Call"),
  EMAIL("Email");

  private final String label;

  Channel(String label) {
    this.label = label;
  }

  public String wireName() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }

  /** How people call one message of this channel: "SMS", "Call", "Email". */
  public String label() {
    return label;
  }
}
