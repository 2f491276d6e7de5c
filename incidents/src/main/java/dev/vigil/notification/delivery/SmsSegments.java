package dev.vigil.notification.delivery;

/**
 * How many SMS segments a text costs. Texts in the GSM-7 alphabet take 160 characters in one
 * segment and 153 per segment beyond (extension characters such as € and [ count twice); any other
 * character makes the whole text UCS-2: 70 in one segment, 67 per segment beyond.
 */
public final class SmsSegments {

  private static final String GSM_BASIC =
      "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?"
          + "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà";
  private static final String GSM_EXTENSION = "^{}\\[~]|€\f";

  private SmsSegments() {}

  public static int count(String text) {
    int septets = gsmSeptets(text);
    if (septets >= 0) {
      return septets <= 160 ? 1 : (septets + 152) / 153;
    }
    int units = text.length(); // UTF-16 code units, as UCS-2 counts them
    return units <= 70 ? 1 : (units + 66) / 67;
  }

  /** Septets in GSM-7, or -1 when the text needs UCS-2. */
  static int gsmSeptets(String text) {
    int septets = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (GSM_BASIC.indexOf(c) >= 0) {
        septets++;
      } else if (GSM_EXTENSION.indexOf(c) >= 0) {
        septets += 2;
      } else {
        return -1;
      }
    }
    return septets;
  }
}
