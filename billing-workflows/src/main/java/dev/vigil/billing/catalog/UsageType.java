package dev.vigil.billing.catalog;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;

/**
 * What a plan includes a quota of and charges overage for. SMS count message segments, voice counts
 * minutes (each call rounded up to the whole minute, as carriers bill), email counts messages.
 * Domestic means the destination's country is the account's home country.
 */
public enum UsageType {
  SMS_DOMESTIC("sms_domestic", "SMS, domestic", "segments"),
  SMS_INTERNATIONAL("sms_international", "SMS, international", "segments"),
  VOICE_DOMESTIC("voice_domestic", "Voice, domestic", "minutes"),
  VOICE_INTERNATIONAL("voice_international", "Voice, international", "minutes"),
  EMAIL("email", "Email", "emails");

  private final String code;
  private final String label;
  private final String unit;

  UsageType(String code, String label, String unit) {
    this.code = code;
    this.label = label;
    this.unit = unit;
  }

  /** As stored in PostgreSQL and spoken by the API. */
  @JsonValue
  public String code() {
    return code;
  }

  public String label() {
    return label;
  }

  public String unit() {
    return unit;
  }

  @JsonCreator
  public static UsageType fromCode(String code) {
    return Arrays.stream(values())
        .filter(t -> t.code.equals(code))
        .findFirst()
        .orElseThrow(() -> new IllegalArgumentException("unknown usage type: " + code));
  }
}
