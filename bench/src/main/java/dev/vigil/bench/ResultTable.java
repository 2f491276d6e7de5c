package dev.vigil.bench;

import java.util.ArrayList;
import java.util.List;

/** The figures of a run, each beside its same-server baseline and target, printed as a table. */
final class ResultTable {

  enum Verdict {
    PASS,
    FAIL,
    INFO
  }

  record Row(String figure, String vigil, String baseline, String target, Verdict verdict) {}

  private final List<Row> rows = new ArrayList<>();

  void add(String figure, String vigil, String baseline, String target, boolean pass) {
    rows.add(new Row(figure, vigil, baseline, target, pass ? Verdict.PASS : Verdict.FAIL));
  }

  void info(String figure, String vigil, String baseline) {
    rows.add(new Row(figure, vigil, baseline, "", Verdict.INFO));
  }

  String render(String title) {
    String[] head = {"Figure", "Vigil", "Baseline (same server)", "Target", "Result"};
    int[] width = new int[head.length];
    for (int i = 0; i < head.length; i++) {
      width[i] = head[i].length();
    }
    for (Row row : rows) {
      String[] cells = cells(row);
      for (int i = 0; i < cells.length; i++) {
        width[i] = Math.max(width[i], cells[i].length());
      }
    }
    StringBuilder out = new StringBuilder("\n").append(title).append("\n\n");
    line(out, head, width);
    String[] rule = new String[head.length];
    for (int i = 0; i < head.length; i++) {
      rule[i] = "-".repeat(width[i]);
    }
    line(out, rule, width);
    rows.forEach(row -> line(out, cells(row), width));
    return out.toString();
  }

  private static String[] cells(Row row) {
    return new String[] {
      row.figure(),
      row.vigil(),
      row.baseline(),
      row.target(),
      row.verdict() == Verdict.INFO ? "" : row.verdict().name()
    };
  }

  private static void line(StringBuilder out, String[] cells, int[] width) {
    out.append("| ");
    for (int i = 0; i < cells.length; i++) {
      out.append(String.format("%-" + width[i] + "s", cells[i])).append(" | ");
    }
    out.setLength(out.length() - 1);
    out.append('\n');
  }
}
