package dev.vigil.billing.document;

import java.util.regex.Pattern;

/**
 * Cells a spreadsheet will not run. Text that a customer or an accountant typed (a check's
 * reference, a credit's reason) can begin with {@code =}, {@code +}, {@code -}, {@code @}, a tab or
 * a carriage return, which Excel, LibreOffice and Google Sheets read as a formula ({@code
 * =HYPERLINK(...)}, or worse): such a cell is prefixed with an apostrophe, as OWASP recommends, so
 * it shows as the text it is. Amounts ({@code -2.50}) stay numbers.
 */
final class SpreadsheetCells {

  private static final Pattern NUMBER = Pattern.compile("[+-]?\\d+(\\.\\d+)?");

  private SpreadsheetCells() {}

  static String inert(String value) {
    if (value == null || value.isEmpty() || NUMBER.matcher(value).matches()) {
      return value;
    }
    char first = value.charAt(0);
    boolean formula =
        first == '='
            || first == '+'
            || first == '-'
            || first == '@'
            || first == '\t'
            || first == '\r';
    return formula ? "'" + value : value;
  }
}
