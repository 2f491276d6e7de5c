package dev.vigil.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Plain HTTP against the running app, as an integration or a person's script would call it. */
public final class HttpDriver {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final String base;
  private final HttpClient client =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  public HttpDriver(String base) {
    this.base = base;
  }

  public Response postJson(String path, String body) {
    return send(
        HttpRequest.newBuilder(URI.create(base + path))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body)));
  }

  public Response postBytes(String path, byte[] body) {
    return send(
        HttpRequest.newBuilder(URI.create(base + path))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofByteArray(body)));
  }

  public Response postJson(String path, String token, String body) {
    return send(withJson(path, token).POST(HttpRequest.BodyPublishers.ofString(body)));
  }

  /** A form post (application/x-www-form-urlencoded) with extra headers, name then value. */
  public Response postForm(String path, String body, String... headers) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(base + path))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString(body));
    for (int i = 0; i < headers.length; i += 2) {
      request.header(headers[i], headers[i + 1]);
    }
    return send(request);
  }

  public Response putJson(String path, String token, String body) {
    return send(withJson(path, token).PUT(HttpRequest.BodyPublishers.ofString(body)));
  }

  public Response patchJson(String path, String token, String body) {
    return send(withJson(path, token).method("PATCH", HttpRequest.BodyPublishers.ofString(body)));
  }

  public Response delete(String path, String token) {
    return send(withToken(HttpRequest.newBuilder(URI.create(base + path)), token).DELETE());
  }

  private HttpRequest.Builder withJson(String path, String token) {
    return withToken(HttpRequest.newBuilder(URI.create(base + path)), token)
        .header("Content-Type", "application/json");
  }

  public Response get(String path, String token) {
    return send(withToken(HttpRequest.newBuilder(URI.create(base + path)).GET(), token));
  }

  /** A GET whose body is binary (a PDF): the status and the bytes. */
  public byte[] getBytes(String path, String token) {
    try {
      HttpResponse<byte[]> response =
          client.send(
              withToken(HttpRequest.newBuilder(URI.create(base + path)).GET(), token)
                  .timeout(Duration.ofSeconds(30))
                  .build(),
              HttpResponse.BodyHandlers.ofByteArray());
      if (response.statusCode() != 200) {
        throw new IllegalStateException(path + " answered " + response.statusCode());
      }
      return response.body();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  public Response get(String path, String headerName, String headerValue) {
    return send(
        HttpRequest.newBuilder(URI.create(base + path)).header(headerName, headerValue).GET());
  }

  public Response post(String path, String token) {
    return send(
        withToken(HttpRequest.newBuilder(URI.create(base + path)), token)
            .POST(HttpRequest.BodyPublishers.noBody()));
  }

  private static HttpRequest.Builder withToken(HttpRequest.Builder request, String token) {
    return token == null ? request : request.header("Authorization", "Token token=" + token);
  }

  private Response send(HttpRequest.Builder request) {
    try {
      HttpResponse<String> response =
          client.send(
              request.timeout(Duration.ofSeconds(30)).build(),
              HttpResponse.BodyHandlers.ofString());
      return new Response(
          response.statusCode(),
          response.body(),
          response.headers().firstValue("Content-Type").orElse(""),
          response.headers());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  public record Response(int status, String body, String contentType, HttpHeaders headers) {

    public JsonNode json() {
      return JSON.readTree(body);
    }

    /** The first value of a response header, or null. */
    public String header(String name) {
      return headers.firstValue(name).orElse(null);
    }
  }
}
