package dev.vigil.notification.delivery;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * How many messages one person may get on one channel: every limit must allow the next one. A page
 * the budget does not allow is held and carried by the next message it does allow (decision 0019).
 * Pure: the caller passes the times of the person's recent messages and the time of the page.
 */
public record PageBudget(List<PageLimit> limits) {

  /** No limit: every page goes out. */
  public static final PageBudget UNLIMITED = new PageBudget(List.of());

  public PageBudget {
    limits = limits.stream().sorted(Comparator.comparing(PageLimit::per)).toList();
  }

  /**
   * {@code 1/1m, 3/15m, 6/1h}; {@code none} for no limit. A blank text is no setting: the caller's
   * default applies.
   */
  static PageBudget parse(String text) {
    if (text.strip().equalsIgnoreCase("none")) {
      return UNLIMITED;
    }
    return new PageBudget(
        Arrays.stream(text.split(",")).filter(s -> !s.isBlank()).map(PageLimit::parse).toList());
  }

  /**
   * The first limit (shortest window first) that a message at {@code at} would break, given when
   * the person's earlier messages on this channel were let through; empty when the budget allows
   * it. A message counts in a window when it is less than the window's length before {@code at}:
   * with 1 per minute, a message at 12:00:00 allows the next one at 12:01:00.
   */
  public Optional<PageLimit> spentAt(Collection<Instant> admitted, Instant at) {
    for (PageLimit limit : limits) {
      Instant since = at.minus(limit.per());
      long inWindow = admitted.stream().filter(t -> t.isAfter(since)).count();
      if (inWindow >= limit.count()) {
        return Optional.of(limit);
      }
    }
    return Optional.empty();
  }

  /** How far back {@link #spentAt} looks: the longest window. */
  public Duration horizon() {
    return limits.isEmpty() ? Duration.ZERO : limits.get(limits.size() - 1).per();
  }

  @Override
  public String toString() {
    return limits.isEmpty()
        ? "none"
        : String.join(", ", limits.stream().map(PageLimit::toString).toList());
  }
}
