package dev.vigil.notification;

import io.temporal.activity.ActivityInterface;
import java.util.List;

/** Sends one notification through a configured provider of its channel. */
@ActivityInterface
public interface NotificationActivities {

  /** Names of the channel's providers in the order to try them, primary first; may be empty. */
  List<String> providersFor(Channel channel);

  /**
   * Sends at most once per idempotency key, whichever provider is asked: a retry after a completed
   * send returns the first receipt instead of paging again. Failures are {@code
   * ApplicationFailure}s whose type says what to do next: {@link #PROVIDER_UNAVAILABLE} (retried,
   * then the next provider), {@link #PROVIDER_REJECTED} (the next provider at once), {@link
   * #INVALID_DESTINATION} (no provider can help).
   */
  NotificationReceipt send(SendNotification request);

  String PROVIDER_UNAVAILABLE = "ProviderUnavailable";
  String PROVIDER_REJECTED = "ProviderRejected";
  String INVALID_DESTINATION = "InvalidDestination";
  String UNKNOWN_PROVIDER = "UnknownProvider";
  String UNKNOWN_CONTACT_METHOD = "UnknownContactMethod";
}
