package dev.vigil.auth;

import static org.springframework.http.HttpMethod.GET;
import static org.springframework.http.HttpMethod.HEAD;
import static org.springframework.http.HttpMethod.POST;
import static org.springframework.http.HttpMethod.PUT;
import static org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher.pathPattern;

import dev.vigil.oncall.access.Logins;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpHeaders;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.authorization.AuthorizationResult;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.Authentication;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.client.endpoint.RestClientAuthorizationCodeTokenResponseClient;
import org.springframework.security.oauth2.client.oidc.authentication.OidcAuthorizationCodeAuthenticationProvider;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserRequest;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.client.userinfo.OAuth2UserService;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.intercept.AuthorizationFilter;
import org.springframework.security.web.access.intercept.RequestAuthorizationContext;
import org.springframework.security.web.authentication.DelegatingAuthenticationEntryPoint;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.authentication.UsernamePasswordAuthenticationFilter;
import org.springframework.security.web.csrf.CsrfException;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcherEntry;

/**
 * Who may do what, in one place (docs/decisions/0029, 0030): how callers authenticate (API tokens,
 * password login, OpenID Connect), and the access rules of every route. Controllers of the operator
 * realm add method security ({@code @PreAuthorize}) where the two operator roles differ.
 *
 * <p>Paths are matched as Spring MVC routes them (decoded and normalised); a request whose raw path
 * hides something ({@code ;}, {@code //}, {@code ..}, an encoded slash) is refused with 400 by the
 * firewall before any rule is read.
 */
@Configuration
@EnableMethodSecurity
class SecurityConfiguration {

  static final String[] TENANT = {"ADMIN", "RESPONDER", "SUPPORT", "ACCOUNTANT"};
  static final String[] OPERATOR = {"OPERATOR_ADMIN", "OPERATOR_ACCOUNTANT"};

  private static final RequestMatcher API = pathPattern("/api/**");

  @Bean
  PasswordEncoder passwordEncoder() {
    return PasswordEncoderFactories.createDelegatingPasswordEncoder();
  }

  @Bean
  SecurityFilterChain vigil(
      HttpSecurity http,
      ApiTokenAuthenticationProvider tokens,
      Logins logins,
      PasswordEncoder encoder,
      ApiThrottle throttle,
      ApiErrorResponses errors,
      ObjectProvider<ClientRegistrationRepository> oidcRegistrations,
      ObjectProvider<OAuth2UserService<OidcUserRequest, OidcUser>> oidcUsers)
      throws Exception {
    ProviderManager tokenManager = new ProviderManager(tokens);
    // People log in with a password, or with the provider's code when single sign-on is configured.
    // With a manager of its own, HttpSecurity ignores the providers its configurers would add
    // (oauth2Login's among them): every way in is listed here.
    List<AuthenticationProvider> people =
        new ArrayList<>(List.of(new PasswordLogins(logins, encoder)));
    boolean oidc = oidcRegistrations.getIfAvailable() != null;
    if (oidc) {
      people.add(
          new OidcAuthorizationCodeAuthenticationProvider(
              new RestClientAuthorizationCodeTokenResponseClient(), oidcUsers.getObject()));
    }
    ProviderManager loginManager = new ProviderManager(people);
    http.authenticationManager(loginManager)
        .addFilterBefore(
            new ApiTokenFilter(API, tokenManager, throttle, errors), AuthorizationFilter.class)
        .addFilterBefore(new CallerFilter(logins), AuthorizationFilter.class)
        .addFilterBefore(
            new LoginThrottleFilter(pathPattern(POST, "/login"), throttle, errors),
            UsernamePasswordAuthenticationFilter.class)
        .authorizeHttpRequests(SecurityConfiguration::rules)
        .formLogin(
            form ->
                form.loginPage("/login")
                    .failureHandler(LoginThrottleFilter.countingFailures(throttle)))
        .logout(logout -> logout.logoutSuccessUrl("/login?logout"))
        // A new session id at login: an id planted before it is worth nothing after.
        .sessionManagement(session -> session.sessionFixation(f -> f.changeSessionId()))
        .csrf(
            csrf ->
                csrf.ignoringRequestMatchers(
                    // A token is sent by a program, never by a browser on its own; it decides
                    // alone.
                    request ->
                        API.matches(request)
                            && request.getHeader(HttpHeaders.AUTHORIZATION) != null,
                    // Their callers prove themselves otherwise: routing key, signatures, signed
                    // links.
                    pathPattern("/v2/**"),
                    pathPattern("/generic/**"),
                    pathPattern("/webhooks/**"),
                    pathPattern("/links/**"),
                    pathPattern("/heartbeats/**")))
        .exceptionHandling(
            exceptions ->
                exceptions
                    .authenticationEntryPoint(entryPoint(errors))
                    .accessDeniedHandler(
                        (request, response, denied) -> {
                          // Without a session or a token, a POST fails its CSRF check first: the
                          // caller is anonymous, so the answer is the same 401 as any other.
                          if (denied instanceof CsrfException && anonymous()) {
                            errors.commence(request, response, null);
                          } else {
                            errors.handle(request, response, denied);
                          }
                        }));
    if (oidc) {
      http.oauth2Login(login -> login.loginPage("/login"));
    }
    return http.build();
  }

  private static void rules(
      org.springframework.security.config.annotation.web.configurers
                      .AuthorizeHttpRequestsConfigurer<
                  HttpSecurity>
              .AuthorizationManagerRequestMatcherRegistry
          rules) {
    rules
        // Open: their callers authenticate otherwise (routing key, signatures, secrets in links),
        // or they are public by design (health, the API's description, the login page).
        .requestMatchers(
            POST, "/v2/enqueue", "/v2/change/enqueue", "/generic/2010-04-15/create_event.json")
        .permitAll()
        .requestMatchers(GET, "/heartbeats/*")
        .permitAll()
        .requestMatchers(HEAD, "/heartbeats/*")
        .permitAll()
        .requestMatchers(POST, "/heartbeats/*")
        .permitAll()
        .requestMatchers(
            "/webhooks/**",
            "/links/**",
            "/calendars/**",
            "/invitations/**",
            // Only health and Prometheus are exposed (docs/decisions/0012); Prometheus checks its
            // own bearer token, and every other actuator path answers 404, not a login page.
            "/actuator",
            "/actuator/**",
            "/v3/api-docs",
            "/v3/api-docs/**",
            "/swagger-ui.html",
            "/swagger-ui/**",
            "/dev/inbox",
            "/dev/inbox/**", // only there when enabled (never where real pages go)
            "/login",
            "/error")
        .permitAll()
        // The operator realm: accounts and what they owe. Operator staff never act inside a
        // tenant's on-call; tenants never reach these.
        .requestMatchers("/api/v1/operator/**")
        .hasAnyRole(OPERATOR)
        // Tenants read their own billing (admins and accountants) and ask for plan changes.
        .requestMatchers(GET, "/api/v1/billing/**", "/api/v1/invoices", "/api/v1/invoices/**")
        .hasAnyRole("ADMIN", "ACCOUNTANT")
        .requestMatchers(POST, "/api/v1/billing/profile")
        .hasRole("ADMIN")
        .requestMatchers(PUT, "/api/v1/billing/profile")
        .hasAnyRole("ADMIN", "ACCOUNTANT")
        .requestMatchers(POST, "/api/v1/billing/subscription")
        .hasAnyRole("ADMIN", "ACCOUNTANT")
        .requestMatchers(PUT, "/api/v1/billing/usage_alerts")
        .hasAnyRole("ADMIN", "ACCOUNTANT")
        // How the account's people are paged abroad: the admin's call.
        .requestMatchers(PUT, "/api/v1/billing/international_sms_cap")
        .hasRole("ADMIN")
        // Webhook subscriptions (their URLs, deliveries and errors): admins only, reads included.
        .requestMatchers("/api/v1/webhooks", "/api/v1/webhooks/**")
        .hasRole("ADMIN")
        // Every tenant role reads the rest.
        .requestMatchers(GET, "/api/**")
        .hasAnyRole(TENANT)
        .requestMatchers(HEAD, "/api/**")
        .hasAnyRole(TENANT)
        // Being on call: responders act on incidents and cover shifts.
        .requestMatchers(
            POST,
            "/api/v1/incidents",
            "/api/v1/incidents/{number}/acknowledge",
            "/api/v1/incidents/{number}/resolve",
            "/api/v1/incidents/{number}/notes",
            "/api/v1/incidents/{number}/snooze",
            "/api/v1/incidents/{number}/escalate",
            "/api/v1/incidents/{number}/reassign",
            "/api/v1/incidents/{number}/merge")
        .hasAnyRole("ADMIN", "RESPONDER")
        .requestMatchers(PUT, "/api/v1/incidents/{number}/priority")
        .hasAnyRole("ADMIN", "RESPONDER")
        .requestMatchers("/api/v1/schedules/{id}/overrides", "/api/v1/schedules/{id}/overrides/**")
        .hasAnyRole("ADMIN", "RESPONDER")
        // Marking a contact method verified without its code is an admin's word (decision 0058).
        .requestMatchers(POST, "/api/v1/users/{userId}/contact_methods/{id}/verify")
        .hasRole("ADMIN")
        // Everyone keeps their own contact methods, notification rules and calendar feeds.
        .requestMatchers(
            "/api/v1/users/{userId}/contact_methods/**",
            "/api/v1/users/{userId}/notification_rules/**",
            "/api/v1/users/{userId}/calendar_feeds/**")
        .access(new AdminOrSelf())
        // Alert grouping and maintenance windows: every tenant role reads them (above), only
        // admins configure them.
        .requestMatchers(PUT, "/api/v1/services/{id}/alert_grouping")
        .hasRole("ADMIN")
        .requestMatchers("/api/v1/maintenance_windows", "/api/v1/maintenance_windows/**")
        .hasRole("ADMIN")
        // Every other change of a tenant's configuration is its admins'.
        .requestMatchers("/api/**")
        .hasRole("ADMIN")
        // The console (docs/decisions/0046): each area for the roles whose work it is, reads and
        // changes apart, as for the API; a console path not listed here is refused.
        .requestMatchers(GET, "/css/**", "/webjars/**")
        .permitAll()
        .requestMatchers("/console/operator/**")
        .hasAnyRole(OPERATOR)
        .requestMatchers(GET, "/console/invoices/**")
        .hasAnyRole("ADMIN", "ACCOUNTANT")
        .requestMatchers(POST, "/console/incidents/**")
        .hasAnyRole("ADMIN", "RESPONDER")
        // Support's search and plain-words history: for the people who answer for incidents.
        .requestMatchers(GET, "/console/incidents/search", "/console/incidents/*/history")
        .hasAnyRole("ADMIN", "RESPONDER", "SUPPORT")
        // Who a service's escalation would page at an instant (a dry run: nothing is sent).
        .requestMatchers(GET, "/console/services/dry_run")
        .hasAnyRole("ADMIN", "RESPONDER", "SUPPORT")
        // The billing mail's attachments in the console's inbox: for those who read billing.
        .requestMatchers(GET, "/console/inbox/billing/**")
        .hasAnyRole("ADMIN", "ACCOUNTANT")
        .requestMatchers(GET, "/console/incidents/**", "/console/inbox", "/console/oncall")
        .hasAnyRole(TENANT)
        // Everyone keeps their own contact methods, in the console as in the API.
        .requestMatchers("/console/me", "/console/me/**")
        .hasAnyRole(TENANT)
        // Schedules as in the API: every tenant role reads them, admins and responders cover
        // shifts with overrides.
        .requestMatchers(
            POST, "/console/schedules/*/overrides", "/console/schedules/*/overrides/**")
        .hasAnyRole("ADMIN", "RESPONDER")
        .requestMatchers(GET, "/console/schedules", "/console/schedules/**")
        .hasAnyRole(TENANT)
        .requestMatchers("/console/admin/**")
        .hasRole("ADMIN")
        .requestMatchers("/console/**")
        .denyAll()
        // Anything else ("/", which leads to the console) needs someone logged in.
        .anyRequest()
        .authenticated();
  }

  /** A tenant admin, or the user named in the path acting on their own settings. */
  private static final class AdminOrSelf
      implements AuthorizationManager<RequestAuthorizationContext> {
    @Override
    public AuthorizationResult authorize(
        Supplier<? extends Authentication> authentication, RequestAuthorizationContext context) {
      Authentication who = authentication.get();
      if (who == null || !(who.getPrincipal() instanceof ApiCaller caller)) {
        return new AuthorizationDecision(false);
      }
      if (caller.role().equals("admin")) {
        return new AuthorizationDecision(true);
      }
      String userId = context.getVariables().get("userId");
      return new AuthorizationDecision(
          !caller.operator()
              && caller.userId() != null
              && String.valueOf(caller.userId()).equals(userId));
    }
  }

  private static AuthenticationEntryPoint entryPoint(ApiErrorResponses errors) {
    return new DelegatingAuthenticationEntryPoint(
        new LoginUrlAuthenticationEntryPoint("/login"), new RequestMatcherEntry<>(API, errors));
  }

  private static boolean anonymous() {
    Authentication authentication =
        org.springframework.security.core.context.SecurityContextHolder.getContext()
            .getAuthentication();
    return authentication == null || authentication instanceof AnonymousAuthenticationToken;
  }
}
