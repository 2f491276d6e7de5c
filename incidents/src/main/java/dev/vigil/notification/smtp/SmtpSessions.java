package dev.vigil.notification.smtp;

import dev.vigil.notification.delivery.NotificationSettings;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.util.Properties;

/**
 * Jakarta Mail sessions for one configured SMTP relay, shared by everything that sends mail (pages,
 * billing mail), so every sender gets the same timeouts and TLS settings. Every socket operation
 * has a timeout, since a relay that accepts a connection and never answers would otherwise hang
 * forever.
 */
public final class SmtpSessions {

  private SmtpSessions() {}

  /** A session that talks to this relay only: Jakarta Mail knows one host per session. */
  public static Session forRelay(NotificationSettings.Smtp relay) {
    return Session.getInstance(properties(relay));
  }

  /** Connects to the relay (authenticating when it has a username) and hands it the message. */
  public static void send(Session session, NotificationSettings.Smtp relay, MimeMessage message)
      throws MessagingException {
    try (Transport transport = session.getTransport()) {
      transport.connect(relay.host(), relay.port(), relay.username(), relay.password());
      transport.sendMessage(message, message.getAllRecipients());
    }
  }

  private static Properties properties(NotificationSettings.Smtp relay) {
    Properties p = new Properties();
    String protocol = relay.ssl() ? "smtps" : "smtp";
    p.put("mail.transport.protocol", protocol);
    p.put("mail." + protocol + ".host", relay.host());
    p.put("mail." + protocol + ".port", String.valueOf(relay.port()));
    p.put("mail." + protocol + ".connectiontimeout", millis(relay.connectTimeout()));
    p.put("mail." + protocol + ".timeout", millis(relay.readTimeout()));
    p.put("mail." + protocol + ".writetimeout", millis(relay.readTimeout()));
    p.put("mail." + protocol + ".auth", String.valueOf(relay.username() != null));
    if (relay.starttls()) {
      p.put("mail.smtp.starttls.enable", "true");
      p.put("mail.smtp.starttls.required", "true");
    }
    // The Message-ID's domain is the sender's, not whatever this host happens to be called.
    p.put("mail.from", relay.from());
    return p;
  }

  private static String millis(Duration duration) {
    return String.valueOf(duration.toMillis());
  }
}
