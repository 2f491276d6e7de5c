package dev.vigil.console;

import dev.vigil.auth.ApiCaller;
import dev.vigil.incident.record.IncidentRecords;
import dev.vigil.incident.record.IncidentRecords.Entry;
import dev.vigil.incident.record.IncidentRecords.Page;
import dev.vigil.incident.record.IncidentRecords.Recorded;
import dev.vigil.oncall.escalation.StoredPolicies;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * An incident told for support staff: what happened in plain words and why each person was paged or
 * not, in the reader's time zone (their own, else their account's).
 */
@Component
class IncidentStories {

  private final IncidentRecords records;
  private final PagingReasons reasons;
  private final StoredPolicies policies;

  IncidentStories(IncidentRecords records, PagingReasons reasons, StoredPolicies policies) {
    this.records = records;
    this.reasons = reasons;
    this.policies = policies;
  }

  record Story(
      Recorded incident,
      String zone,
      List<PlainHistory.Line> lines,
      List<PagingReasons.Reason> reasons) {}

  Optional<Story> of(ApiCaller caller, long number) {
    return records.find(caller.accountId(), number).map(incident -> tell(caller, incident));
  }

  private Story tell(ApiCaller caller, Recorded incident) {
    ZoneId zone = zone(records.timeZone(caller.accountId(), caller.userId()));
    PlainHistory history = new PlainHistory(zone);
    List<Entry> timeline = records.timeline(incident.id());
    List<Page> pages = records.pages(incident.id());
    return new Story(
        incident,
        zone.getId(),
        history.lines(timeline, pages, pending(caller.accountId(), incident, timeline, pages)),
        reasons.explain(
            caller.accountId(),
            incident,
            timeline,
            pages,
            records.people(caller.accountId()),
            history));
  }

  /**
   * The wait still running, when the incident is triggered and paged last by a level of its
   * service's policy that has a next one: how long that level waits, as the policy now says.
   */
  private PlainHistory.Pending pending(
      long accountId, Recorded incident, List<Entry> timeline, List<Page> pages) {
    if (!"triggered".equals(incident.status()) || timeline.isEmpty()) {
      return null;
    }
    String lastKind = timeline.get(timeline.size() - 1).kind();
    boolean reassigned = timeline.stream().anyMatch(e -> e.kind().equals("reassigned"));
    if (lastKind.equals("escalation_exhausted") || reassigned) {
      return null;
    }
    List<LevelsFired.Fired> fired =
        LevelsFired.of(timeline, pages.stream().map(Page::at).toList()).levels();
    if (fired.isEmpty()) {
      return null;
    }
    int level = fired.get(fired.size() - 1).level();
    return policies
        .find(accountId, incident.policyId())
        .filter(policy -> policy.levels().size() > level)
        .map(
            policy ->
                new PlainHistory.Pending(
                    Duration.ofSeconds(policy.levels().get(level - 1).delaySeconds()), level + 1))
        .orElse(null);
  }

  static ZoneId zone(String id) {
    try {
      return ZoneId.of(id);
    } catch (DateTimeException | NullPointerException e) {
      return ZoneOffset.UTC;
    }
  }
}
