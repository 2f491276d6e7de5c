package dev.vigil.oncall;

/** Which rows of a list a store reads: {@code limit} from {@code offset}, validated by the edge. */
public record Paging(int limit, int offset) {

  /** What a store asks its query for: one row more than the page, which tells if there are more. */
  public int fetch() {
    return limit + 1;
  }
}
