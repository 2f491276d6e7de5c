package dev.vigil.webhook.twilio;

import com.twilio.security.RequestValidator;
import dev.vigil.notification.delivery.NotificationSettings;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Checks Twilio's {@code X-Twilio-Signature} on a webhook, with the auth token of the configured
 * account named by the request's {@code AccountSid}. Twilio signs the URL it called, which is the
 * externally visible one ({@code vigil.public-url}), not the one this server sees behind a proxy:
 * the check rebuilds it from the public URL, the path within the app and the query string.
 */
@Component
public class TwilioSignatures {

  public static final String HEADER = "X-Twilio-Signature";

  private final NotificationSettings settings;
  private final String publicUrl;

  TwilioSignatures(NotificationSettings settings, @Value("${vigil.public-url}") String publicUrl) {
    this.settings = settings;
    this.publicUrl = publicUrl.replaceAll("/+$", "");
  }

  /** True only for a request signed by a configured account for exactly this URL and form. */
  public boolean verify(HttpServletRequest request, Map<String, String> form) {
    String signature = request.getHeader(HEADER);
    String accountSid = form.get("AccountSid");
    if (signature == null || signature.isBlank() || accountSid == null) {
      return false;
    }
    String url = publicUrlOf(request);
    return settings.twilio().stream()
        .filter(account -> account.accountSid().equals(accountSid))
        .anyMatch(
            account -> new RequestValidator(account.authToken()).validate(url, form, signature));
  }

  /** The URL Twilio called: the public base, the path within this app, the query. */
  String publicUrlOf(HttpServletRequest request) {
    String path = request.getRequestURI().substring(request.getContextPath().length());
    String query = request.getQueryString();
    return publicUrl + path + (query == null ? "" : "?" + query);
  }

  /**
   * The form fields of the body only: the servlet's parameters also hold the query string's, which
   * Twilio signs as part of the URL, not as parameters. Twilio sends each field once.
   */
  public static Map<String, String> form(HttpServletRequest request) {
    Map<String, List<String>> fromQuery = new HashMap<>();
    String query = request.getQueryString();
    if (query != null) {
      for (String pair : query.split("&")) {
        int eq = pair.indexOf('=');
        String name = decode(eq < 0 ? pair : pair.substring(0, eq));
        fromQuery.computeIfAbsent(name, n -> new ArrayList<>()).add(eq < 0 ? "" : pair);
      }
    }
    Map<String, String> form = new LinkedHashMap<>();
    request
        .getParameterMap()
        .forEach(
            (name, values) -> {
              // The servlet lists query values first, then the body's.
              int skip = fromQuery.getOrDefault(name, List.of()).size();
              if (values.length > skip) {
                form.put(name, values[skip]);
              }
            });
    return form;
  }

  private static String decode(String text) {
    return URLDecoder.decode(text, StandardCharsets.UTF_8);
  }
}
