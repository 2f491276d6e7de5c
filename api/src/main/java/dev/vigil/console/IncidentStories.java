package dev.vigil.console;

import dev.vigil.auth.ApiCaller;
import dev.vigil.incident.IncidentRecords;
import dev.vigil.incident.IncidentRecords.Entry;
import dev.vigil.incident.IncidentRecords.Page;
import dev.vigil.incident.IncidentRecords.Recorded;
import java.time.DateTimeException;
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

  IncidentStories(IncidentRecords records, PagingReasons reasons) {
    this.records = records;
    this.reasons = reasons;
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
        history.lines(timeline, pages),
        reasons.explain(
            caller.accountId(),
            incident,
            timeline,
            pages,
            records.people(caller.accountId()),
            history));
  }

  static ZoneId zone(String id) {
    try {
      return ZoneId.of(id);
    } catch (DateTimeException | NullPointerException e) {
      return ZoneOffset.UTC;
    }
  }
}
