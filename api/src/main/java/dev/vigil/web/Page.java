package dev.vigil.web;

import java.util.List;

/**
 * A page of a list, PagerDuty style: {@code limit}, {@code offset}, {@code more}. Stores read one
 * row more than the limit; {@link #of} turns that into {@code more}.
 */
public record Page<T>(List<T> items, int limit, int offset, boolean more) {

  public static final int MAX_LIMIT = 100;

  public static <T> Page<T> of(List<T> rowsPlusOne, PageRequest request) {
    boolean more = rowsPlusOne.size() > request.limit();
    List<T> items = more ? rowsPlusOne.subList(0, request.limit()) : rowsPlusOne;
    return new Page<>(List.copyOf(items), request.limit(), request.offset(), more);
  }

  /** The response body: {@code {"<itemsName>": [...], "limit", "offset", "more"}}. */
  public java.util.Map<String, Object> body(String itemsName) {
    return java.util.Map.of(itemsName, items, "limit", limit, "offset", offset, "more", more);
  }

  /** A free-text filter: blank means none. */
  public static String filter(String query) {
    return query == null || query.isBlank() ? null : query.strip();
  }

  /** Validated paging parameters. */
  public record PageRequest(int limit, int offset) {

    public static PageRequest of(int limit, int offset) {
      if (limit < 1 || limit > MAX_LIMIT) {
        throw ApiException.badRequest("limit", "must be between 1 and " + MAX_LIMIT);
      }
      if (offset < 0) {
        throw ApiException.badRequest("offset", "must not be negative");
      }
      return new PageRequest(limit, offset);
    }

    /** What a store asks its query for: one row more than the page. */
    public int fetch() {
      return limit + 1;
    }
  }
}
