package dev.vigil.billing.document;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.pdfbox.pdmodel.font.PDFont;

/**
 * Text the invoice's font can draw: a customer's name in a script the font lacks must not make
 * their invoice fail to render. Characters the font has no glyph for are replaced by their base
 * letter where there is one (ő becomes o, Ł becomes L), else by "?". Also measures and wraps text
 * to a width.
 */
final class PdfText {

  private static final Map<Integer, String> BASE_LETTERS =
      Map.of(
          (int) 'Ł', "L",
          (int) 'ł', "l",
          (int) 'Đ', "D",
          (int) 'đ', "d",
          (int) 'ı', "i",
          (int) 'Ħ', "H",
          (int) 'ħ', "h");

  private static final String ELLIPSIS = "\u2026";

  private final PDFont font;
  private final Map<Integer, Boolean> encodable = new HashMap<>();

  /** {@code font} decides what can be drawn; the invoice's faces cover the same characters. */
  PdfText(PDFont font) {
    this.font = font;
  }

  /** The text with every character the font cannot draw replaced; line breaks become spaces. */
  String sanitize(String text) {
    if (text == null) {
      return "";
    }
    StringBuilder out = new StringBuilder(text.length());
    text.codePoints()
        .forEach(
            cp -> {
              if (Character.isISOControl(cp) || Character.isWhitespace(cp)) {
                out.append(' ');
              } else if (canEncode(cp)) {
                out.appendCodePoint(cp);
              } else {
                out.append(substitute(cp));
              }
            });
    return out.toString();
  }

  private String substitute(int cp) {
    String known = BASE_LETTERS.get(cp);
    if (known != null) {
      return known;
    }
    StringBuilder base = new StringBuilder();
    Normalizer.normalize(new String(Character.toChars(cp)), Normalizer.Form.NFKD)
        .codePoints()
        .filter(c -> Character.getType(c) != Character.NON_SPACING_MARK)
        .filter(this::canEncode)
        .forEach(base::appendCodePoint);
    return base.isEmpty() ? "?" : base.toString();
  }

  private boolean canEncode(int cp) {
    return encodable.computeIfAbsent(
        cp,
        c -> {
          try {
            font.encode(new String(Character.toChars(c)));
            return true;
          } catch (IllegalArgumentException | IOException e) {
            return false;
          }
        });
  }

  /** Width in points of sanitized text. */
  static float width(PDFont font, float size, String text) {
    try {
      return font.getStringWidth(text) / 1000f * size;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Sanitized text broken into lines no wider than {@code width}, at spaces where it can be and
   * inside a word longer than a line where it must. Beyond {@code maxLines}, the last line kept
   * ends in an ellipsis.
   */
  static List<String> wrap(String text, PDFont font, float size, float width, int maxLines) {
    List<String> lines = new ArrayList<>();
    StringBuilder line = new StringBuilder();
    for (String word : text.strip().split(" +")) {
      if (word.isEmpty()) {
        continue;
      }
      String candidate = line.isEmpty() ? word : line + " " + word;
      if (width(font, size, candidate) <= width) {
        line.setLength(0);
        line.append(candidate);
        continue;
      }
      if (!line.isEmpty()) {
        lines.add(line.toString());
        line.setLength(0);
      }
      // A word wider than the column (a long URL, an id) is cut where it must be.
      String rest = word;
      while (width(font, size, rest) > width) {
        int fits = fitting(rest, font, size, width);
        lines.add(rest.substring(0, fits));
        rest = rest.substring(fits);
      }
      line.append(rest);
    }
    if (!line.isEmpty()) {
      lines.add(line.toString());
    }
    if (lines.size() <= maxLines) {
      return lines;
    }
    List<String> kept = new ArrayList<>(lines.subList(0, maxLines));
    String last = kept.get(maxLines - 1);
    while (!last.isEmpty() && width(font, size, last + ELLIPSIS) > width) {
      // Whole words go first; a line that is one long word loses characters instead.
      int space = last.stripTrailing().lastIndexOf(' ');
      last =
          space > 0
              ? last.substring(0, space)
              : last.substring(0, last.offsetByCodePoints(last.length(), -1));
    }
    kept.set(maxLines - 1, last.stripTrailing() + ELLIPSIS);
    return kept;
  }

  /** How many chars of {@code text} fit in {@code width}; at least one, so wrapping progresses. */
  private static int fitting(String text, PDFont font, float size, float width) {
    int end = text.offsetByCodePoints(0, 1);
    while (end < text.length()) {
      int next = text.offsetByCodePoints(end, 1);
      if (width(font, size, text.substring(0, next)) > width) {
        break;
      }
      end = next;
    }
    return end;
  }
}
