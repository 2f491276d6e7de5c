package dev.vigil.auth;

import dev.vigil.oncall.access.Logins;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserRequest;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserService;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.client.registration.ClientRegistrations;
import org.springframework.security.oauth2.client.registration.InMemoryClientRegistrationRepository;
import org.springframework.security.oauth2.client.userinfo.OAuth2UserService;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.oidc.OidcUserInfo;
import org.springframework.security.oauth2.core.oidc.user.DefaultOidcUser;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;

/**
 * OpenID Connect login (single sign-on), there only when {@code VIGIL_OIDC_ISSUER_URI} is set
 * (docs/decisions/0031). The provider's discovery document is read at start. A person is matched to
 * a user by an e-mail the provider says is verified; nobody is created by logging in.
 */
@Configuration
@ConditionalOnExpression("!'${vigil.oidc.issuer-uri:}'.isBlank()")
class OidcLoginConfiguration {

  static final String REGISTRATION = "oidc";

  /** The error code of a person the provider vouched for and Vigil does not let in. */
  static final String NO_VIGIL_USER = "no_vigil_user";

  @Bean
  ClientRegistrationRepository oidcRegistrations(
      @Value("${vigil.oidc.issuer-uri}") String issuer,
      @Value("${vigil.oidc.client-id}") String clientId,
      @Value("${vigil.oidc.client-secret}") String clientSecret,
      @Value("${vigil.oidc.name:Single sign-on}") String name) {
    ClientRegistration registration =
        ClientRegistrations.fromIssuerLocation(issuer)
            .registrationId(REGISTRATION)
            .clientName(name)
            .clientId(clientId)
            .clientSecret(clientSecret)
            .scope("openid", "email", "profile")
            .build();
    return new InMemoryClientRegistrationRepository(registration);
  }

  @Bean
  OAuth2UserService<OidcUserRequest, OidcUser> oidcUsers(Logins logins) {
    OidcUserService provider = new OidcUserService();
    return request -> matched(provider.loadUser(request), logins);
  }

  /** The provider's person as the one user with their verified e-mail, or refused. */
  static OidcUser matched(OidcUser person, Logins logins) {
    String email = person.getEmail();
    if (email == null || !Boolean.TRUE.equals(person.getEmailVerified())) {
      throw refused("The identity provider did not vouch for an e-mail address");
    }
    List<Logins.Login> users = logins.byEmail(email);
    if (users.size() != 1) {
      throw refused(
          users.isEmpty()
              ? "No Vigil user has this e-mail address"
              : "Several Vigil users have this e-mail address; ask an admin to set a password");
    }
    if (users.get(0).suspended()) {
      throw refused("The account is suspended");
    }
    ApiCaller caller = ApiCaller.loggedIn(users.get(0));
    Map<String, Object> claims =
        new HashMap<>(
            person.getUserInfo() == null
                ? Map.of("sub", person.getSubject())
                : person.getUserInfo().getClaims());
    claims.put(CallerFilter.OIDC_USER_ID, caller.userId());
    return new DefaultOidcUser(caller.authorities(), person.getIdToken(), new OidcUserInfo(claims));
  }

  private static OAuth2AuthenticationException refused(String message) {
    return new OAuth2AuthenticationException(new OAuth2Error(NO_VIGIL_USER, message, null));
  }
}
