package dev.vigil.notification.smtp;

import dev.vigil.notification.Channel;
import dev.vigil.notification.Delivery;
import dev.vigil.notification.NotificationProvider;
import dev.vigil.notification.NotificationSettings;
import dev.vigil.notification.OutboundMessage;
import dev.vigil.notification.ProviderFailure;
import dev.vigil.notification.ProviderFailure.Kind;
import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.util.Date;
import java.util.Properties;
import java.util.Set;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.eclipse.angus.mail.util.MailConnectException;

/**
 * Email through one SMTP relay, text and HTML parts. Jakarta Mail knows one host per session: the
 * other relays are other providers, tried in turn by the workflow. Every socket operation has a
 * timeout, since a relay that accepts a connection and never answers would otherwise hang forever.
 */
public final class SmtpRelayProvider implements NotificationProvider {

  private final NotificationSettings.Smtp relay;
  private final Session session;

  public SmtpRelayProvider(NotificationSettings.Smtp relay) {
    this.relay = relay;
    this.session = Session.getInstance(properties(relay));
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

  private static String millis(java.time.Duration duration) {
    return String.valueOf(duration.toMillis());
  }

  @Override
  public String name() {
    return relay.name();
  }

  @Override
  public Set<Channel> channels() {
    return Set.of(Channel.EMAIL);
  }

  @Override
  public Delivery deliver(OutboundMessage message) {
    MimeMessage mime = new MimeMessage(session);
    try {
      mime.setFrom(new InternetAddress(relay.from(), true));
      mime.setRecipient(Message.RecipientType.TO, recipient(message.to()));
      mime.setSubject(message.subject(), "UTF-8");
      mime.setSentDate(new Date());
      mime.setHeader("X-Vigil-Notification", String.valueOf(message.notificationId()));
      MimeMultipart alternative = new MimeMultipart("alternative");
      MimeBodyPart text = new MimeBodyPart();
      text.setText(message.body(), "UTF-8");
      alternative.addBodyPart(text);
      if (message.html() != null) {
        MimeBodyPart html = new MimeBodyPart();
        html.setContent(message.html(), "text/html; charset=UTF-8");
        alternative.addBodyPart(html);
      }
      mime.setContent(alternative);
      mime.saveChanges();
      try (Transport transport = session.getTransport()) {
        transport.connect(relay.host(), relay.port(), relay.username(), relay.password());
        transport.sendMessage(mime, mime.getAllRecipients());
      }
      return new Delivery(mime.getMessageID(), relay.host() + ":" + relay.port(), null);
    } catch (MessagingException e) {
      throw failureOf(e);
    }
  }

  private static InternetAddress recipient(String address) {
    try {
      return new InternetAddress(address, true);
    } catch (AddressException e) {
      throw new ProviderFailure(Kind.INVALID_DESTINATION, "invalid email address", e);
    }
  }

  static ProviderFailure failureOf(MessagingException e) {
    if (e instanceof AuthenticationFailedException) {
      return new ProviderFailure(Kind.REJECTED, "authentication failed", e);
    }
    Integer code = returnCode(e);
    if (code != null) {
      // 4xx: try again later. 5xx: this relay refuses (policy, relaying, size): another may not.
      return new ProviderFailure(
          code >= 400 && code < 500 ? Kind.UNAVAILABLE : Kind.REJECTED, "SMTP " + code, e);
    }
    for (Throwable cause = e; cause != null; cause = cause.getCause()) {
      if (cause instanceof InterruptedIOException) {
        return new ProviderFailure(Kind.UNAVAILABLE, "timed out", e);
      }
      if (cause instanceof ConnectException || cause instanceof MailConnectException) {
        if (cause.getCause() instanceof InterruptedIOException) {
          return new ProviderFailure(Kind.UNAVAILABLE, "timed out", e);
        }
        return new ProviderFailure(Kind.UNAVAILABLE, "connection refused", e);
      }
    }
    return new ProviderFailure(
        Kind.UNAVAILABLE, "SMTP error (" + e.getClass().getSimpleName() + ")", e);
  }

  /** The relay's reply code, from a refused message or a refused recipient. */
  private static Integer returnCode(MessagingException e) {
    for (Exception next = e; next != null; ) {
      if (next instanceof SMTPSendFailedException send) {
        return send.getReturnCode();
      }
      if (next instanceof SMTPAddressFailedException address) {
        return address.getReturnCode();
      }
      next = next instanceof MessagingException m ? m.getNextException() : null;
    }
    return null;
  }

  @Override
  public String toString() {
    return "SmtpRelayProvider[" + relay + "]";
  }
}
