package dev.vigil.notification;

import java.util.List;

/**
 * One message a user gets when a level pages them: on which contact method, by which channel, how
 * long after the level fired. Addresses never travel in workflow history; the sending activity
 * reads them at send time. {@code providers} are the channel's providers in order when the level
 * was assigned (null in steps recorded before they were): an immediate step sends through them
 * without asking again.
 */
public record NotificationStep(
    long userId,
    String userName,
    long contactMethodId,
    Channel channel,
    int delaySeconds,
    List<String> providers) {

  public NotificationStep(
      long userId, String userName, long contactMethodId, Channel channel, int delaySeconds) {
    this(userId, userName, contactMethodId, channel, delaySeconds, null);
  }

  /** The same step with the channel's providers as they are now. */
  public NotificationStep withProviders(List<String> names) {
    return new NotificationStep(userId, userName, contactMethodId, channel, delaySeconds, names);
  }
}
