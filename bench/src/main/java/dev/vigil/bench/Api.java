package dev.vigil.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The app's Events API and REST API over loopback HTTP, as a monitoring tool and a person use them.
 */
final class Api {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final String base;
  private final String token;
  private final ExecutorService pool;
  private final HttpClient http;

  Api(String base, String token, int threads) {
    this.base = base;
    this.token = token;
    this.pool = Executors.newFixedThreadPool(Math.max(4, threads * 2));
    this.http =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .executor(pool)
            .build();
  }

  record Answer(int status, String body) {
    JsonNode json() {
      try {
        return JSON.readTree(body);
      } catch (IOException e) {
        throw new IllegalStateException("not JSON (" + status + "): " + body, e);
      }
    }
  }

  /** A critical trigger whose summary carries the tag the SMS page will quote. */
  static String trigger(String routingKey, String dedupKey, String tag) {
    return """
        {"routing_key": "%s", "event_action": "trigger", "dedup_key": "%s",
         "payload": {"summary": "bench:%s", "source": "bench", "severity": "critical"}}"""
        .formatted(routingKey, dedupKey, tag);
  }

  Answer enqueue(String body) {
    return send(events(body));
  }

  CompletableFuture<HttpResponse<Void>> enqueueAsync(String body) {
    return http.sendAsync(events(body), HttpResponse.BodyHandlers.discarding());
  }

  private HttpRequest events(String body) {
    return HttpRequest.newBuilder(URI.create(base + "/v2/enqueue"))
        .timeout(Duration.ofSeconds(30))
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body))
        .build();
  }

  Answer post(String path, String body) {
    return send(
        HttpRequest.newBuilder(URI.create(base + path))
            .timeout(Duration.ofSeconds(60))
            .header("Authorization", "Token token=" + token)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build());
  }

  long createUser(String name, String email, String phone) {
    long id =
        created(
                post(
                    "/api/v1/users",
                    "{\"name\": \"%s\", \"email\": \"%s\", \"role\": \"responder\"}"
                        .formatted(name, email)))
            .get("user")
            .get("id")
            .asLong();
    long phoneId =
        created(
                post(
                    "/api/v1/users/" + id + "/contact_methods",
                    "{\"kind\": \"phone\", \"address\": \"%s\"}".formatted(phone)))
            .get("contact_method")
            .get("id")
            .asLong();
    // A new method is paged once verified (decision 0058): the bench's admin vouches for it.
    created(
        post(
            "/api/v1/users/" + id + "/contact_methods/" + phoneId + "/verify",
            "{\"reason\": \"bench setup\"}"));
    return id;
  }

  /** A policy of one level per user, each waiting {@code delayMinutes} before the next. */
  long createPolicy(String name, int delayMinutes, List<Long> userPerLevel) {
    StringBuilder levels = new StringBuilder();
    for (long user : userPerLevel) {
      levels
          .append(levels.length() == 0 ? "" : ", ")
          .append(
              "{\"delay_minutes\": %d, \"targets\": [{\"type\": \"user\", \"id\": %d}]}"
                  .formatted(delayMinutes, user));
    }
    return created(
            post(
                "/api/v1/escalation_policies",
                "{\"name\": \"%s\", \"repeat_count\": 0, \"levels\": [%s]}"
                    .formatted(name, levels)))
        .get("escalation_policy")
        .get("id")
        .asLong();
  }

  /** A service on the policy; answers its routing key. */
  String createService(String name, long policyId) {
    return created(
            post(
                "/api/v1/services",
                "{\"name\": \"%s\", \"escalation_policy_id\": %d}".formatted(name, policyId)))
        .get("service")
        .get("integration_keys")
        .get(0)
        .get("routing_key")
        .asText();
  }

  Answer acknowledge(long number) {
    return post("/api/v1/incidents/" + number + "/acknowledge", "");
  }

  Answer resolve(long number) {
    return post("/api/v1/incidents/" + number + "/resolve", "");
  }

  /** The app's Prometheus scrape, as Prometheus reads it with the metrics token. */
  String metrics(String metricsToken) {
    Answer answer =
        send(
            HttpRequest.newBuilder(URI.create(base + "/actuator/prometheus"))
                .header("Authorization", "Bearer " + metricsToken)
                .timeout(Duration.ofSeconds(30))
                .GET()
                .build());
    if (answer.status() != 200) {
      throw new IllegalStateException("metrics refused (" + answer.status() + ")");
    }
    return answer.body();
  }

  private static JsonNode created(Answer answer) {
    if (answer.status() / 100 != 2) {
      throw new IllegalStateException("setup refused (" + answer.status() + "): " + answer.body());
    }
    return answer.json();
  }

  private Answer send(HttpRequest request) {
    try {
      HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
      return new Answer(response.statusCode(), response.body());
    } catch (IOException e) {
      return new Answer(-1, e.toString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  void close() {
    pool.shutdownNow();
  }
}
