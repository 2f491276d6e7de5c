package dev.vigil.notification.delivery;

import java.util.List;

/**
 * The hook for one-click links in a page's email (signed, expiring acknowledge and resolve links).
 * Declare a bean implementing it and every email carries its links, in the text and the HTML part;
 * without one, emails have none ({@link #NONE}).
 */
public interface EmailLinks {

  EmailLinks NONE = (accountId, incidentId, notificationId) -> List.of();

  /** Links for the email of one page, in the order they are shown. */
  List<Link> linksFor(long accountId, long incidentId, long notificationId);

  /**
   * @param label what the link does, e.g. "Acknowledge"
   * @param url absolute, under {@code vigil.public-url}
   */
  record Link(String label, String url) {}
}
