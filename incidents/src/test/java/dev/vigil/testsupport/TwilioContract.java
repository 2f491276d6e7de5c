package dev.vigil.testsupport;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.SimpleRequest;
import com.atlassian.oai.validator.report.ValidationReport;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Path;
import java.util.List;

/**
 * Twilio's published OpenAPI description of its REST API 2010-04-01 (twilio/twilio-oai, MIT, a copy
 * in test resources under {@code contracts/}), checked with Atlassian's swagger-request-validator:
 * path, method, Basic auth, content type, and the form body against the operation's schema
 * (required parameters, types, patterns such as {@code ^MG[0-9a-fA-F]{32}$}).
 */
public final class TwilioContract {

  private static OpenApiInteractionValidator validator;

  private TwilioContract() {}

  /** Problems Twilio would have with this request; empty when it conforms. */
  public static List<String> problems(
      String method, String path, String contentType, String authorization, String body) {
    SimpleRequest.Builder request = new SimpleRequest.Builder(method, path);
    if (contentType != null) {
      request.withContentType(contentType);
    }
    if (authorization != null) {
      request.withAuthorization(authorization);
    }
    if (body != null) {
      request.withBody(body);
    }
    ValidationReport report = validator().validateRequest(request.build());
    return report.getMessages().stream()
        .filter(m -> m.getLevel() == ValidationReport.Level.ERROR)
        .filter(m -> !formValueReadAsNumber(m))
        .map(m -> m.getKey() + ": " + m.getMessage())
        .toList();
  }

  /**
   * The validator reads form values as JSON and so takes "+14155550100" for an integer; a form
   * carries only strings, so "an integer where a string is wanted" is its misreading, not ours.
   */
  private static boolean formValueReadAsNumber(ValidationReport.Message message) {
    return message.getKey().equals("validation.request.body.schema.type")
        && message.getMessage().matches("(?s).*Instance type \\((integer|number|boolean)\\).*")
        && message.getMessage().contains("allowed: [\"string\"]");
  }

  private static synchronized OpenApiInteractionValidator validator() {
    if (validator == null) {
      URL spec = TwilioContract.class.getResource("/contracts/twilio_api_v2010.json");
      if (spec == null) {
        throw new IllegalStateException("no contracts/twilio_api_v2010.json on the test classpath");
      }
      try {
        validator =
            OpenApiInteractionValidator.createForSpecificationUrl(
                    Path.of(spec.toURI()).toUri().toString())
                .build();
      } catch (URISyntaxException e) {
        throw new IllegalStateException(e);
      }
    }
    return validator;
  }
}
