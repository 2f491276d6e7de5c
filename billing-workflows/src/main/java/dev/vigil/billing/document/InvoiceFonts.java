package dev.vigil.billing.document;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.pdmodel.font.PDType0Font;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The fonts invoices are drawn with, embedded (as subsets) in every PDF so a customer's name reads
 * the same on any reader. DejaVu Sans ships with Vigil: Latin, Greek, Cyrillic and more. An
 * operator whose customers write in other scripts (Chinese, Japanese, Korean, Thai, ...) points
 * {@code vigil.billing.invoice-fonts.regular}, {@code .bold} and {@code .italic} at TrueType files
 * that cover them (for example Noto Sans CJK); characters no font has become "?".
 *
 * @param regular path of a TrueType font, or null for the bundled DejaVu Sans
 * @param bold the same for headings and totals
 * @param italic the same for notes
 */
@ConfigurationProperties("vigil.billing.invoice-fonts")
public record InvoiceFonts(String regular, String bold, String italic) {

  /** The three faces, read once. */
  Faces faces() {
    return new Faces(
        read(regular, "/fonts/DejaVuSans.ttf"),
        read(bold, "/fonts/DejaVuSans-Bold.ttf"),
        read(italic, "/fonts/DejaVuSans-Oblique.ttf"));
  }

  private static byte[] read(String configured, String bundled) {
    try {
      if (configured != null && !configured.isBlank()) {
        return Files.readAllBytes(Path.of(configured.strip()));
      }
      try (InputStream in = InvoiceFonts.class.getResourceAsStream(bundled)) {
        if (in == null) {
          throw new IllegalStateException("the bundled font " + bundled + " is missing");
        }
        return in.readAllBytes();
      }
    } catch (IOException e) {
      throw new UncheckedIOException("could not read the invoice font " + configured, e);
    }
  }

  /** Font files as bytes; each document loads its own copies, since a PDF embeds what it uses. */
  record Faces(byte[] regular, byte[] bold, byte[] italic) {

    PDFont regularIn(PDDocument document) {
      return load(document, regular);
    }

    PDFont boldIn(PDDocument document) {
      return load(document, bold);
    }

    PDFont italicIn(PDDocument document) {
      return load(document, italic);
    }

    private static PDFont load(PDDocument document, byte[] font) {
      try {
        return PDType0Font.load(document, new ByteArrayInputStream(font), true);
      } catch (IOException e) {
        throw new UncheckedIOException("could not load an invoice font", e);
      }
    }
  }
}
