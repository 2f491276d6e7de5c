package dev.vigil.auth;

import dev.vigil.oncall.access.Logins;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.DisabledException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * Password login by e-mail (form login at {@code /login}). Hashes are a {@link
 * org.springframework.security.crypto.password.DelegatingPasswordEncoder}'s (bcrypt today). An
 * unknown e-mail costs the same hash as a wrong password, so timing tells nothing.
 */
class PasswordLogins implements AuthenticationProvider {

  private final Logins logins;
  private final PasswordEncoder encoder;
  private final String unknownUserHash;

  PasswordLogins(Logins logins, PasswordEncoder encoder) {
    this.logins = logins;
    this.encoder = encoder;
    this.unknownUserHash = encoder.encode("no such user: compared to keep the timing");
  }

  @Override
  public Authentication authenticate(Authentication authentication) {
    String email = authentication.getName();
    String password = String.valueOf(authentication.getCredentials());
    var login = logins.withPassword(email == null ? "" : email);
    if (login.isEmpty()) {
      encoder.matches(password, unknownUserHash);
      throw new BadCredentialsException("Wrong e-mail or password");
    }
    if (!encoder.matches(password, login.get().passwordHash())) {
      throw new BadCredentialsException("Wrong e-mail or password");
    }
    if (login.get().suspended()) {
      throw new DisabledException("The account is suspended");
    }
    ApiCaller caller = ApiCaller.loggedIn(login.get());
    return UsernamePasswordAuthenticationToken.authenticated(caller, null, caller.authorities());
  }

  @Override
  public boolean supports(Class<?> authentication) {
    return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
  }
}
