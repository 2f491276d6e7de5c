package dev.vigil.notification;

/**
 * One message a user gets when a level pages them: on which contact method, by which channel, how
 * long after the level fired. Addresses never travel in workflow history; the sending activity
 * reads them at send time.
 */
public record NotificationStep(
    long userId, String userName, long contactMethodId, Channel channel, int delaySeconds) {}
