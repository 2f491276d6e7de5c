package dev.vigil.notification.smtp;

import dev.vigil.notification.Channel;
import dev.vigil.notification.delivery.Delivery;
import dev.vigil.notification.delivery.NotificationProvider;
import dev.vigil.notification.delivery.NotificationSettings;
import dev.vigil.notification.delivery.OutboundMessage;
import dev.vigil.notification.delivery.ProviderFailure;
import dev.vigil.notification.delivery.ProviderFailure.Kind;
import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.util.Date;
import java.util.Set;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.eclipse.angus.mail.util.MailConnectException;

/**
 * Email through one SMTP relay, text and HTML parts. Jakarta Mail knows one host per session: the
 * other relays are other providers, tried in turn by the workflow. The session, with its timeouts,
 * comes from {@link SmtpSessions}.
 */
public final class SmtpRelayProvider implements NotificationProvider {

  private final NotificationSettings.Smtp relay;
  private final Session session;

  public SmtpRelayProvider(NotificationSettings.Smtp relay) {
    this.relay = relay;
    this.session = SmtpSessions.forRelay(relay);
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
      SmtpSessions.send(session, relay, mime);
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
