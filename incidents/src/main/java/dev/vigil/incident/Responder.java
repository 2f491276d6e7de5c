package dev.vigil.incident;

/**
 * Who acknowledged or resolved, as the timeline shows it: a user, an API token or an integration.
 *
 * @param userId the user, when a person acted; null for integrations and tokens
 * @param via the path it came through ("Events API", "REST API", ...)
 */
public record Responder(Long userId, String name, String via) {

  public static Responder integration(String client) {
    return new Responder(
        null, client == null || client.isBlank() ? "integration" : client, "Events API");
  }

  /** Vigil itself, acting on a timer ("auto-resolve", "acknowledgement timeout"). */
  public static Responder timer(String which) {
    return new Responder(null, "Vigil", which);
  }

  public String describe() {
    return name + " via " + via;
  }
}
