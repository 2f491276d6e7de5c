package dev.vigil.oncall.team;

/**
 * What a team is created or replaced with. Names are unique in an account; the API checks the
 * wire's limits (present, lengths) before a store sees it.
 */
public record TeamDetails(String name, String description) {

  public String descriptionOrEmpty() {
    return description == null ? "" : description;
  }
}
