package dev.vigil.auth;

import dev.vigil.oncall.access.Invitations;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/** Invitation links as people open them: {@code {public-url}/invitations/{secret}}. */
@Component
public class InvitationLinks {

  private final Invitations invitations;
  private final String publicUrl;

  InvitationLinks(Invitations invitations, @Value("${vigil.public-url}") String publicUrl) {
    this.invitations = invitations;
    this.publicUrl = publicUrl.replaceAll("/+$", "");
  }

  /** A new invitation for the user; returns its link, the only time it is visible. */
  public String invite(long userId) {
    return publicUrl + "/invitations/" + invitations.invite(userId);
  }
}
