package dev.vigil.notification.delivery;

import dev.vigil.notification.Channel;
import dev.vigil.oncall.address.PhoneNumbers;

/**
 * An address as logs and the notification log's readers see it: enough to tell two apart, never
 * enough to call or write to one ("+1******0100", "a****@example.com").
 */
public final class MaskedAddresses {

  private MaskedAddresses() {}

  public static String of(Channel channel, String address) {
    return channel == Channel.EMAIL
        ? address.replaceAll("(?<=.).(?=[^@]*@)", "*")
        : PhoneNumbers.masked(address);
  }
}
