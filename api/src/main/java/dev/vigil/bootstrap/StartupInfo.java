package dev.vigil.bootstrap;

import org.springframework.stereotype.Component;

/** What the seeders produced this start, for the startup report to print once. */
@Component
class StartupInfo {

  private volatile String demoRoutingKey;
  private volatile String demoApiToken;
  private volatile String operatorApiToken;
  private final java.util.Map<String, String> invitations =
      java.util.Collections.synchronizedMap(new java.util.LinkedHashMap<>());

  /** A demo person's link to choose a console password: who, then the link. */
  void invitation(String who, String link) {
    invitations.put(who, link);
  }

  java.util.Map<String, String> invitations() {
    synchronized (invitations) {
      return new java.util.LinkedHashMap<>(invitations);
    }
  }

  void operatorApiToken(String token) {
    this.operatorApiToken = token;
  }

  String operatorApiToken() {
    return operatorApiToken;
  }

  void demoRoutingKey(String key) {
    this.demoRoutingKey = key;
  }

  void demoApiToken(String token) {
    this.demoApiToken = token;
  }

  String demoRoutingKey() {
    return demoRoutingKey;
  }

  String demoApiToken() {
    return demoApiToken;
  }
}
