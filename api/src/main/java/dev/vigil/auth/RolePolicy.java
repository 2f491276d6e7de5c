package dev.vigil.auth;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What each role may change through the REST API; every role may read. Admins change anything. A
 * responder opens incidents by hand and acts on them (acknowledge, resolve, notes, priority,
 * snooze, escalate, reassign) and takes schedule overrides (covering a shift is part of being on
 * call). Anyone manages their own contact methods, notification rules and calendar feeds. Billing
 * and invoices decide for themselves (admins and accountants). Support staff read.
 */
final class RolePolicy {

  private static final Pattern INCIDENT_ACTION =
      Pattern.compile(
          "^/api/v1/incidents(/\\d+/(acknowledge|resolve|notes|priority|snooze|escalate|reassign|merge))?$");
  private static final Pattern OVERRIDE =
      Pattern.compile("^/api/v1/schedules/\\d+/overrides(/\\d+)?$");
  private static final Pattern OWN_SETTINGS =
      Pattern.compile(
          "^/api/v1/users/(\\d+)/(contact_methods|notification_rules|calendar_feeds)(/\\d+)?$");

  private RolePolicy() {}

  static boolean allows(ApiCaller caller, String method, String path) {
    if (caller.role().equals("admin") || isRead(method)) {
      return true;
    }
    if (path.startsWith("/api/v1/billing/") || path.startsWith("/api/v1/invoices")) {
      return true; // their controllers require the admin or accountant role
    }
    boolean responder = caller.role().equals("responder");
    if (responder
        && (INCIDENT_ACTION.matcher(path).matches() || OVERRIDE.matcher(path).matches())) {
      return true;
    }
    Matcher own = OWN_SETTINGS.matcher(path);
    return own.matches()
        && caller.userId() != null
        && Long.parseLong(own.group(1)) == caller.userId();
  }

  private static boolean isRead(String method) {
    return method.equals("GET") || method.equals("HEAD") || method.equals("OPTIONS");
  }
}
