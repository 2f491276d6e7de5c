package dev.vigil.web;

import java.util.Comparator;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.ServletWebRequest;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import org.springframework.web.servlet.resource.NoResourceFoundException;
import tools.jackson.databind.DatabindException;

/**
 * Every refusal of the REST API in one shape, naming the fields at fault in snake_case. Spring
 * MVC's own refusals (unknown route, wrong method, wrong media type, unreadable body, missing
 * parameter) come through {@link ResponseEntityExceptionHandler} and leave in the same envelope,
 * always as JSON, even to a client that asked for something else (docs/decisions/0026).
 */
@RestControllerAdvice
class ApiExceptionHandler extends ResponseEntityExceptionHandler {

  @ExceptionHandler(ApiException.class)
  ResponseEntity<ApiError> api(ApiException e) {
    return json(e.status(), new HttpHeaders(), e.body());
  }

  @Override
  protected ResponseEntity<Object> handleMethodArgumentNotValid(
      MethodArgumentNotValidException e,
      HttpHeaders headers,
      HttpStatusCode status,
      WebRequest request) {
    List<String> errors =
        e.getBindingResult().getFieldErrors().stream()
            .sorted(Comparator.comparing(error -> error.getField()))
            .map(
                error ->
                    "'" + FieldNames.snakeCase(error.getField()) + "' " + error.getDefaultMessage())
            .toList();
    return invalid(headers, errors);
  }

  /** Not JSON, or a value of the wrong type: say which field, not how the parser felt. */
  @Override
  protected ResponseEntity<Object> handleHttpMessageNotReadable(
      HttpMessageNotReadableException e,
      HttpHeaders headers,
      HttpStatusCode status,
      WebRequest request) {
    if (e.getMostSpecificCause() instanceof BodyTooLargeException) {
      return json(
          HttpStatus.CONTENT_TOO_LARGE,
          headers,
          ApiError.of("too_large", e.getMostSpecificCause().getMessage()));
    }
    // The databind failure names the field; its own cause (a date that does not parse) does not.
    Throwable cause = e.getCause();
    while (cause != null && !(cause instanceof DatabindException)) {
      cause = cause.getCause();
    }
    if (cause instanceof DatabindException mismatch && !mismatch.getPath().isEmpty()) {
      return invalid(
          headers,
          List.of("'" + FieldNames.path(mismatch.getPath()) + "' has the wrong type or format"));
    }
    return invalid(headers, List.of("Body is not valid JSON"));
  }

  @Override
  protected ResponseEntity<Object> handleTypeMismatch(
      org.springframework.beans.TypeMismatchException e,
      HttpHeaders headers,
      HttpStatusCode status,
      WebRequest request) {
    String name =
        e instanceof MethodArgumentTypeMismatchException argument
            ? argument.getName()
            : e.getPropertyName();
    return invalid(headers, List.of("'" + name + "' has an invalid value"));
  }

  @Override
  protected ResponseEntity<Object> handleMissingServletRequestParameter(
      MissingServletRequestParameterException e,
      HttpHeaders headers,
      HttpStatusCode status,
      WebRequest request) {
    return invalid(headers, List.of("'" + e.getParameterName() + "' is required"));
  }

  @Override
  protected ResponseEntity<Object> handleNoResourceFoundException(
      NoResourceFoundException e, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
    return json(
        HttpStatus.NOT_FOUND,
        headers,
        ApiError.of("not_found", "No route " + e.getHttpMethod() + " /" + e.getResourcePath()));
  }

  /** 405 keeps Spring's {@code Allow} header: the methods the route does answer. */
  @Override
  protected ResponseEntity<Object> handleHttpRequestMethodNotSupported(
      HttpRequestMethodNotSupportedException e,
      HttpHeaders headers,
      HttpStatusCode status,
      WebRequest request) {
    return json(
        HttpStatus.METHOD_NOT_ALLOWED,
        headers,
        ApiError.of(
            "method_not_allowed",
            e.getMethod() + " is not allowed here; allowed: " + String.join(", ", allowed(e))));
  }

  /** 415 keeps Spring's {@code Accept} header: the media types the route reads. */
  @Override
  protected ResponseEntity<Object> handleHttpMediaTypeNotSupported(
      HttpMediaTypeNotSupportedException e,
      HttpHeaders headers,
      HttpStatusCode status,
      WebRequest request) {
    String given = e.getContentType() == null ? "none" : e.getContentType().toString();
    return json(
        HttpStatus.UNSUPPORTED_MEDIA_TYPE,
        headers,
        ApiError.of(
            "unsupported_media_type",
            "Content-Type "
                + given
                + " is not supported; send "
                + MediaType.toString(e.getSupportedMediaTypes())));
  }

  @Override
  protected ResponseEntity<Object> handleHttpMediaTypeNotAcceptable(
      HttpMediaTypeNotAcceptableException e,
      HttpHeaders headers,
      HttpStatusCode status,
      WebRequest request) {
    return json(
        HttpStatus.NOT_ACCEPTABLE,
        new HttpHeaders(),
        ApiError.of("not_acceptable", "This API answers application/json only"));
  }

  /** Whatever else Spring MVC refuses: its status, in the envelope. */
  @Override
  protected ResponseEntity<Object> handleExceptionInternal(
      Exception e,
      @Nullable Object body,
      HttpHeaders headers,
      HttpStatusCode status,
      WebRequest request) {
    HttpStatus known = HttpStatus.resolve(status.value());
    String reason = known == null ? "Request refused" : known.getReasonPhrase();
    String code = known == null ? "error" : known.name().toLowerCase(java.util.Locale.ROOT);
    if (request instanceof ServletWebRequest servlet && servlet.getResponse() != null) {
      if (servlet.getResponse().isCommitted()) {
        return null;
      }
    }
    return json(status, headers, ApiError.of(code, reason));
  }

  private static List<String> allowed(HttpRequestMethodNotSupportedException e) {
    return e.getSupportedHttpMethods() == null
        ? List.of()
        : e.getSupportedHttpMethods().stream().map(Object::toString).sorted().toList();
  }

  private static ResponseEntity<Object> invalid(HttpHeaders headers, List<String> errors) {
    return json(
        HttpStatus.BAD_REQUEST,
        headers,
        ApiError.of("invalid_request", "Request is invalid", errors));
  }

  /**
   * A preset Content-Type skips content negotiation: the envelope goes out as JSON even when the
   * request's {@code Accept} did not name it.
   */
  private static <T> ResponseEntity<T> json(
      HttpStatusCode status, HttpHeaders headers, Object body) {
    HttpHeaders out = new HttpHeaders();
    out.putAll(headers);
    out.setContentType(MediaType.APPLICATION_JSON);
    @SuppressWarnings("unchecked")
    T typed = (T) body;
    return ResponseEntity.status(status).headers(out).body(typed);
  }
}
