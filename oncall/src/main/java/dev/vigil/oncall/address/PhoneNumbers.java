package dev.vigil.oncall.address;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;

/** E.164 numbers: the country a page goes to (billing rates it), and a form safe for logs. */
public final class PhoneNumbers {

  private static final PhoneNumberUtil UTIL = PhoneNumberUtil.getInstance();

  private PhoneNumbers() {}

  /**
   * The E.164 form of a number as a person typed it ("(415) 555-0100", "+44 20 7946 0958"), read in
   * the given region when it has no country code; empty when it is not a valid number.
   */
  public static java.util.Optional<String> normalize(String input, String defaultRegion) {
    try {
      var number = UTIL.parse(input, defaultRegion);
      return UTIL.isValidNumber(number)
          ? java.util.Optional.of(UTIL.format(number, PhoneNumberUtil.PhoneNumberFormat.E164))
          : java.util.Optional.empty();
    } catch (NumberParseException e) {
      return java.util.Optional.empty();
    }
  }

  /** ISO 3166-1 alpha-2 region of an E.164 number, or null when it has none. */
  public static String countryOf(String e164) {
    try {
      String region = UTIL.getRegionCodeForNumber(UTIL.parse(e164, null));
      return region == null || "ZZ".equals(region) ? null : region;
    } catch (NumberParseException e) {
      return null;
    }
  }

  /** "+1******0100": enough to tell numbers apart, not enough to call one. */
  public static String masked(String e164) {
    if (e164 == null || e164.length() < 7) {
      return "***";
    }
    return e164.substring(0, 2) + "*".repeat(e164.length() - 6) + e164.substring(e164.length() - 4);
  }
}
