package dev.vigil.billing.document;

import dev.vigil.billing.catalog.UsageType;
import dev.vigil.billing.ledger.CollectionMethod;
import dev.vigil.billing.ledger.CreditNotes;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentInformation;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.PDPageContentStream.AppendMode;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.util.Matrix;
import org.springframework.stereotype.Component;

/**
 * The invoice as a PDF, as the customer files it and an accountant checks it: who bills whom, the
 * period, the lines, what was paid and what is due, and for check invoices how to pay. Dates are in
 * the invoice's billing time zone; the period is shown from its first to its last day, inclusive.
 * Drafts and void invoices carry a large mark on every page so they are never taken for a bill.
 *
 * <p>The fonts are embedded ({@link InvoiceFonts}: DejaVu Sans unless configured), so names in
 * Greek, Cyrillic or accented Latin print as written; a character no font has is replaced (see
 * {@link PdfText}). Long descriptions wrap, and lines flow onto further pages under a repeated
 * table header.
 */
@Component
public class InvoicePdf {

  static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("d MMM uuuu", Locale.US);
  private static final DateTimeFormatter MONTH = DateTimeFormatter.ofPattern("MMM uuuu", Locale.US);

  private static final PDRectangle PAGE = PDRectangle.LETTER;
  private static final float MARGIN = 50;
  private static final float RIGHT = PAGE.getWidth() - MARGIN;
  private static final float BOTTOM = MARGIN + 30;
  private static final float SIZE = 9.5f;
  private static final float LEADING = 12.5f;
  private static final int MAX_DESCRIPTION_LINES = 6;

  // Table columns: the description from the margin, the others right-aligned at these edges.
  private static final float DESCRIPTION_WIDTH = 270;
  private static final float QUANTITY_RIGHT = MARGIN + 340;
  private static final float UNIT_PRICE_RIGHT = MARGIN + 430;

  private final RemittanceSettings remittance;
  private final InvoiceFonts.Faces fonts;

  public InvoicePdf(RemittanceSettings remittance, InvoiceFonts fonts) {
    this.remittance = remittance;
    this.fonts = fonts.faces();
  }

  public byte[] render(InvoiceDetail invoice) {
    try (PDDocument document = new PDDocument()) {
      Layout layout = new Layout(document, invoice);
      layout.header();
      layout.lines();
      layout.totals();
      layout.payments();
      layout.credits();
      layout.usage();
      layout.howToPay();
      layout.finish();
      PDDocumentInformation info = document.getDocumentInformation();
      info.setTitle("Invoice " + invoice.displayNumber());
      info.setCreator("Vigil");
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      document.save(out);
      return out.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException("could not render invoice " + invoice.displayNumber(), e);
    }
  }

  /**
   * A credit note as a PDF: who credits whom, the invoice it corrects, why, and where the amount
   * went (off the invoice's balance, or to the account's credit).
   */
  public byte[] renderCreditNote(CreditNotes.CreditNote note, InvoiceDetail invoice) {
    try (PDDocument document = new PDDocument()) {
      Layout layout = new Layout(document, invoice, "Credit note " + note.number());
      layout.creditNote(note);
      layout.finish();
      PDDocumentInformation info = document.getDocumentInformation();
      info.setTitle("Credit note " + note.number());
      info.setCreator("Vigil");
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      document.save(out);
      return out.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException("could not render credit note " + note.number(), e);
    }
  }

  static String date(LocalDate date) {
    return DATE.format(date);
  }

  /** One document being laid out, top to bottom, page after page. */
  private final class Layout {

    private final PDDocument document;
    private final InvoiceDetail invoice;
    private final PDFont regular;
    private final PDFont bold;
    private final PDFont italic;
    private final PdfText text;
    private final List<PDPage> pages = new ArrayList<>();
    private final String title;
    private final boolean marked;
    private PDPageContentStream content;
    private float y;

    Layout(PDDocument document, InvoiceDetail invoice) throws IOException {
      this(document, invoice, "Invoice " + invoice.displayNumber(), true);
    }

    Layout(PDDocument document, InvoiceDetail invoice, String title) throws IOException {
      this(document, invoice, title, false);
    }

    private Layout(PDDocument document, InvoiceDetail invoice, String title, boolean marked)
        throws IOException {
      this.document = document;
      this.invoice = invoice;
      this.title = title;
      this.marked = marked;
      regular = fonts.regularIn(document);
      bold = fonts.boldIn(document);
      italic = fonts.italicIn(document);
      text = new PdfText(regular);
      newPage();
    }

    void header() throws IOException {
      float top = y;
      write(bold, 20, MARGIN, y, "Invoice " + invoice.displayNumber());
      y -= 20;
      statusLine();
      parties(top);
      invoiceDetails();
    }

    /** The payee top right, the customer ("Bill to") on the left. */
    private void parties(float top) throws IOException {
      float payeeY = top;
      InvoiceDetail.Tax tax = invoice.tax();
      // The seller as configured when the invoice was drafted; before that setting, the payee.
      boolean seller = tax.sellerName() != null;
      writeRight(bold, 11, RIGHT, payeeY, seller ? tax.sellerName() : remittance.payee());
      for (String line : seller ? tax.sellerAddress() : remittance.address()) {
        payeeY -= LEADING;
        writeRight(regular, SIZE, RIGHT, payeeY, line);
      }
      if (tax.sellerTaxId() != null) {
        payeeY -= LEADING;
        writeRight(regular, SIZE, RIGHT, payeeY, "Tax ID: " + tax.sellerTaxId());
      }
      y = Math.min(y, payeeY) - 2 * LEADING;

      // Bill to on the left, the invoice's dates on the right.
      float blockTop = y;
      write(bold, SIZE, MARGIN, y, "Bill to");
      y -= LEADING;
      for (String line :
          PdfText.wrap(text.sanitize(invoice.accountName()), regular, SIZE, 250, 3)) {
        write(regular, SIZE, MARGIN, y, line);
        y -= LEADING;
      }
      for (String address : invoice.billToAddress()) {
        for (String line : PdfText.wrap(text.sanitize(address), regular, SIZE, 250, 2)) {
          write(regular, SIZE, MARGIN, y, line);
          y -= LEADING;
        }
      }
      if (invoice.tax().customerTaxId() != null) {
        write(regular, SIZE, MARGIN, y, "Tax ID: " + text.sanitize(invoice.tax().customerTaxId()));
        y -= LEADING;
      }
      if (invoice.billingEmail() != null) {
        for (String line :
            PdfText.wrap(text.sanitize(invoice.billingEmail()), regular, SIZE, 250, 2)) {
          write(regular, SIZE, MARGIN, y, line);
          y -= LEADING;
        }
      }
      blockBottom = y;
      y = blockTop;
    }

    private float blockBottom;

    /** What an invoice says of itself, to the right of "Bill to". */
    private void invoiceDetails() throws IOException {
      float leftBottom = blockBottom;
      detail("Invoice number", invoice.displayNumber());
      detail("Issue date", invoice.issueDate().map(InvoicePdf::date).orElse("Not yet issued"));
      detail("Period", date(invoice.firstDay()) + " \u2013 " + date(invoice.lastDay()));
      invoice
          .dueDate()
          .ifPresent(
              due ->
                  detail(
                      "Due date",
                      date(due)
                          + invoice.netTermsDays().map(days -> " (net " + days + ")").orElse("")));
      if (invoice.poNumber() != null) {
        detail("PO number", text.sanitize(invoice.poNumber()));
      }
      detail("Plan", invoice.planLabel());
      detail(
          "Payment",
          invoice.collectionMethod() == CollectionMethod.CARD
              ? "Card, charged automatically"
              : "By check");
      y = Math.min(y, leftBottom) - LEADING;
    }

    void creditNote(CreditNotes.CreditNote note) throws IOException {
      float top = y;
      write(bold, 20, MARGIN, y, "Credit note " + note.number());
      y -= 20;
      parties(top);
      float leftBottom = blockBottom;
      detail("Credit note", note.number());
      detail("Date", localDate(note.createdAt()));
      detail("Invoice", invoice.displayNumber());
      detail("Period", date(invoice.firstDay()) + " \u2013 " + date(invoice.lastDay()));
      y = Math.min(y, leftBottom) - LEADING;
      section("Reason", 1);
      for (String line : PdfText.wrap(text.sanitize(note.reason()), regular, SIZE, 480, 8)) {
        write(regular, SIZE, MARGIN, y, line);
        y -= LEADING;
      }
      y -= LEADING;
      if (note.appliedMinor() > 0) {
        total("Off the balance of " + invoice.displayNumber(), -note.appliedMinor(), regular);
      }
      if (note.creditMinor() > 0) {
        total("Credited to your account", note.creditMinor(), regular);
      }
      total("Total credit", note.amountMinor(), bold);
    }

    private void statusLine() throws IOException {
      String line =
          switch (invoice.status()) {
            case "draft" -> "DRAFT \u2013 not yet issued";
            case "paid" ->
                "PAID" + (invoice.paidAt() == null ? "" : " on " + localDate(invoice.paidAt()));
            case "void" -> "VOID" + closed();
            case "uncollectible" -> "UNCOLLECTIBLE" + closed();
            default -> null;
          };
      if (line != null) {
        write(bold, 12, MARGIN, y, line);
        y -= 16;
      }
    }

    private String closed() {
      return (invoice.closedAt() == null ? "" : " on " + localDate(invoice.closedAt()))
          + (invoice.closeReason() == null ? "" : ": " + invoice.closeReason());
    }

    private String localDate(java.time.Instant instant) {
      return date(invoice.localDate(instant));
    }

    private void detail(String label, String value) {
      float labelX = MARGIN + 270;
      try {
        write(bold, SIZE, labelX, y, label);
        write(regular, SIZE, labelX + 80, y, value);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      y -= LEADING;
    }

    /**
     * The lines of the table: all of them, or on a taxed invoice the lines before tax, whose
     * subtotal the tax and the credit applied then follow under it.
     */
    private List<InvoiceDetail.Line> tableLines() {
      if (!taxed()) {
        return invoice.lines();
      }
      return invoice.lines().stream().filter(line -> !belowSubtotal(line)).toList();
    }

    private boolean taxed() {
      return !invoice.tax().lines().isEmpty();
    }

    private static boolean belowSubtotal(InvoiceDetail.Line line) {
      return line.kind().equals("tax") || line.kind().equals("account_credit");
    }

    void lines() throws IOException {
      tableHeader();
      List<InvoiceDetail.Line> table = tableLines();
      for (InvoiceDetail.Line line : table) {
        List<String> description =
            PdfText.wrap(
                text.sanitize(line.description()),
                regular,
                SIZE,
                DESCRIPTION_WIDTH,
                MAX_DESCRIPTION_LINES);
        // An adjustment's reason is the operator's note ("contract 4.2"), not the customer's:
        // the customer's copy shows the line's description only.
        float height = Math.max(1, description.size()) * LEADING + 2.5f;
        if (y - height < BOTTOM) {
          newPage();
          write(bold, 11, MARGIN, y, title + " (continued)");
          y -= 2 * LEADING;
          tableHeader();
        }
        boolean perUnit = line.unitPriceMinor().signum() != 0;
        if (perUnit) {
          writeRight(regular, SIZE, QUANTITY_RIGHT, y, MoneyFormat.quantity(line.quantity()));
          writeRight(
              regular,
              SIZE,
              UNIT_PRICE_RIGHT,
              y,
              MoneyFormat.unitPrice(line.unitPriceMinor(), invoice.currency()));
        }
        writeRight(
            regular, SIZE, RIGHT, y, MoneyFormat.format(line.amountMinor(), invoice.currency()));
        float rowY = y;
        for (String part : description) {
          write(regular, SIZE, MARGIN, rowY, part);
          rowY -= LEADING;
        }
        y -= height;
      }
      if (table.isEmpty()) {
        write(italic, SIZE, MARGIN, y, "No charges this period.");
        y -= LEADING;
      }
      rule(y + LEADING - 4);
    }

    private void tableHeader() throws IOException {
      write(bold, SIZE, MARGIN, y, "Description");
      writeRight(bold, SIZE, QUANTITY_RIGHT, y, "Quantity");
      writeRight(bold, SIZE, UNIT_PRICE_RIGHT, y, "Unit price");
      writeRight(bold, SIZE, RIGHT, y, "Amount");
      rule(y - 4);
      y -= LEADING + 4;
    }

    void totals() throws IOException {
      ensure((4 + invoice.tax().lines().size() + 2) * LEADING);
      y -= 4;
      if (taxed()) {
        total("Subtotal", invoice.tax().subtotalMinor(), regular);
        for (InvoiceDetail.Line line : invoice.lines()) {
          if (belowSubtotal(line)) {
            total(text.sanitize(line.description()), line.amountMinor(), regular);
          }
        }
      }
      total("Total", invoice.totalMinor(), regular);
      total("Amount paid", invoice.amountPaidMinor(), regular);
      if (invoice.creditedMinor() > 0) {
        total("Credit notes", -invoice.creditedMinor(), regular);
      }
      total("Balance due", invoice.balanceMinor(), bold);
      y -= LEADING;
      if (invoice.tax().note() != null) {
        for (String line : PdfText.wrap(invoice.tax().note(), bold, SIZE, RIGHT - MARGIN, 3)) {
          ensure(LEADING);
          write(bold, SIZE, MARGIN, y, line);
          y -= LEADING;
        }
        y -= LEADING;
      }
    }

    private void total(String label, long amount, PDFont font) throws IOException {
      writeRight(font, 10, UNIT_PRICE_RIGHT, y, label);
      writeRight(font, 10, RIGHT, y, MoneyFormat.format(amount, invoice.currency()));
      y -= LEADING + 2;
    }

    void payments() throws IOException {
      if (invoice.payments().isEmpty()) {
        return;
      }
      section("Payments received", invoice.payments().size());
      for (InvoiceDetail.Payment payment : invoice.payments()) {
        ensure(LEADING);
        String what =
            "card".equals(payment.method())
                ? "Card payment, " + localDate(payment.recordedAt())
                : ("transfer".equals(payment.method()) ? "Transfer " : "Check ")
                    + payment.checkNumber()
                    + (payment.receivedOn() == null
                        ? ""
                        : ", received " + date(payment.receivedOn()));
        write(regular, SIZE, MARGIN, y, what);
        writeRight(
            regular, SIZE, RIGHT, y, MoneyFormat.format(payment.amountMinor(), payment.currency()));
        y -= LEADING;
      }
      y -= LEADING;
    }

    /**
     * Credit notes on the invoice, and the account credit it gave rise to (docs/decisions/0043).
     */
    void credits() throws IOException {
      if (!invoice.creditNotes().isEmpty()) {
        section("Credit notes", invoice.creditNotes().size());
        for (InvoiceDetail.CreditNoteLine note : invoice.creditNotes()) {
          ensure(LEADING);
          write(regular, SIZE, MARGIN, y, note.number() + ": " + note.reason());
          writeRight(
              regular, SIZE, RIGHT, y, MoneyFormat.format(-note.amountMinor(), invoice.currency()));
          y -= LEADING;
        }
        y -= LEADING;
      }
      if (!invoice.creditCreated().isEmpty()) {
        section("Account credit", invoice.creditCreated().size());
        for (InvoiceDetail.CreditCreated credit : invoice.creditCreated()) {
          ensure(LEADING);
          write(regular, SIZE, MARGIN, y, credit.description() + ", credited to your account");
          writeRight(
              regular,
              SIZE,
              RIGHT,
              y,
              MoneyFormat.format(credit.amountMinor(), invoice.currency()));
          y -= LEADING;
        }
        y -= LEADING;
      }
    }

    void usage() throws IOException {
      if (invoice.usage().isEmpty()) {
        return;
      }
      section("Usage", invoice.usage().size());
      writeRight(bold, SIZE, QUANTITY_RIGHT, y, "Used");
      writeRight(bold, SIZE, UNIT_PRICE_RIGHT, y, "Included");
      writeRight(bold, SIZE, RIGHT, y, "Billed");
      y -= LEADING;
      for (InvoiceDetail.Usage usage : invoice.usage()) {
        ensure(LEADING);
        String label = usageLabel(usage.usageType());
        if (!usage.periodStart().equals(invoice.periodStart())) {
          label +=
              ", late from "
                  + MONTH.format(
                      YearMonth.from(usage.periodStart().atZone(invoice.billingTimeZone())));
        }
        write(regular, SIZE, MARGIN, y, label);
        writeRight(regular, SIZE, QUANTITY_RIGHT, y, count(usage.units()));
        writeRight(regular, SIZE, UNIT_PRICE_RIGHT, y, count(usage.includedUnits()));
        writeRight(regular, SIZE, RIGHT, y, count(usage.billableUnits()));
        y -= LEADING;
      }
      y -= LEADING;
    }

    private String usageLabel(String code) {
      try {
        UsageType type = UsageType.fromCode(code);
        return type.label() + " (" + type.unit() + ")";
      } catch (IllegalArgumentException unknown) {
        return code;
      }
    }

    private String count(long units) {
      return MoneyFormat.quantity(BigDecimal.valueOf(units));
    }

    /**
     * Issued check invoices that are still to be paid say how (by check, and by bank transfer when
     * its details are configured); card invoices are charged.
     */
    void howToPay() throws IOException {
      if (invoice.number() == null) {
        return; // a draft is not to be paid yet: it has no number to quote
      }
      if (invoice.collectionMethod() != CollectionMethod.CHECK
          || invoice.status().equals("void")
          || invoice.status().equals("paid")) {
        return;
      }
      List<String> lines = new ArrayList<>();
      if (remittance.printsChecks()) {
        lines.add("Make your check payable to: " + remittance.payee());
        if (!remittance.address().isEmpty()) {
          lines.add("Mail it to:");
          remittance.address().forEach(line -> lines.add("    " + line));
        }
        lines.add(
            "Write "
                + invoice.displayNumber()
                + " on the check's memo line, so that we can match your payment.");
      }
      lines.addAll(remittance.transferInstructions(invoice.displayNumber()));
      section("How to pay", lines.size() + (remittance.note() == null ? 0 : 3));
      for (String line : lines) {
        write(regular, SIZE, MARGIN, y, line);
        y -= LEADING;
      }
      if (remittance.note() != null) {
        for (String line :
            PdfText.wrap(text.sanitize(remittance.note()), italic, SIZE, RIGHT - MARGIN, 3)) {
          write(italic, SIZE, MARGIN, y, line);
          y -= LEADING;
        }
      }
    }

    /** A titled section, starting on a new page unless its title and first rows fit here. */
    private void section(String title, int rows) throws IOException {
      ensure((Math.min(rows, 4) + 2) * LEADING);
      write(bold, 11, MARGIN, y, title);
      y -= LEADING + 4;
    }

    private void ensure(float height) throws IOException {
      if (y - height < BOTTOM) {
        newPage();
        write(bold, 11, MARGIN, y, title + " (continued)");
        y -= 2 * LEADING;
      }
    }

    private void newPage() throws IOException {
      if (content != null) {
        content.close();
      }
      PDPage page = new PDPage(PAGE);
      document.addPage(page);
      pages.add(page);
      content = new PDPageContentStream(document, page);
      mark();
      y = PAGE.getHeight() - MARGIN - 10;
    }

    /** A large pale diagonal DRAFT or VOID behind everything else on the page. */
    private void mark() throws IOException {
      String mark =
          !marked
              ? null
              : switch (invoice.status()) {
                case "draft" -> "DRAFT";
                case "void" -> "VOID";
                default -> null;
              };
      if (mark == null) {
        return;
      }
      float size = 110;
      float width = PdfText.width(bold, size, mark);
      content.saveGraphicsState();
      content.setNonStrokingColor(0.88f, 0.88f, 0.88f);
      content.beginText();
      content.setFont(bold, size);
      // Centred on the page, rising at 45 degrees.
      float half = width / 2 * (float) Math.cos(Math.PI / 4);
      content.setTextMatrix(
          Matrix.getRotateInstance(
              Math.PI / 4, PAGE.getWidth() / 2 - half + 30, PAGE.getHeight() / 2 - half));
      content.showText(mark);
      content.endText();
      content.restoreGraphicsState();
    }

    /** Closes the last page and numbers every page in its footer. */
    void finish() throws IOException {
      content.close();
      int count = pages.size();
      for (int i = 0; i < count; i++) {
        try (PDPageContentStream footer =
            new PDPageContentStream(document, pages.get(i), AppendMode.APPEND, true, true)) {
          content = footer;
          String left = title;
          write(regular, 8, MARGIN, MARGIN, left);
          writeRight(regular, 8, RIGHT, MARGIN, "Page " + (i + 1) + " of " + count);
        }
      }
      content = null;
    }

    private void rule(float atY) throws IOException {
      content.setLineWidth(0.5f);
      content.moveTo(MARGIN, atY);
      content.lineTo(RIGHT, atY);
      content.stroke();
    }

    private void write(PDFont font, float size, float x, float atY, String value)
        throws IOException {
      String safe = text.sanitize(value);
      content.beginText();
      content.setFont(font, size);
      content.newLineAtOffset(x, atY);
      content.showText(safe);
      content.endText();
    }

    private void writeRight(PDFont font, float size, float right, float atY, String value)
        throws IOException {
      String safe = text.sanitize(value);
      write(font, size, right - PdfText.width(font, size, safe), atY, safe);
    }
  }
}
