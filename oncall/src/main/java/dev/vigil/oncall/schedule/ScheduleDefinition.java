package dev.vigil.oncall.schedule;

import dev.vigil.oncall.OnCallRefusal;
import dev.vigil.oncall.TimeZones;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A schedule request checked as a whole and turned into the engine's values.
 *
 * <p>The engine's {@link ScheduleValidation} is the one judge of layers, so the API and the engine
 * can never disagree on what a valid layer is. This class adds only what the engine cannot know
 * (zone names, the spelling of units, types and days, who belongs to the account) and renames the
 * engine's field paths to the request's ({@code layers[0].restrictions[1].length} becomes {@code
 * layers[0].restrictions[1].duration_minutes}).
 */
public record ScheduleDefinition(
    String name, String description, ZoneId zone, Long teamId, List<Layer> layers) {

  public static final int MAX_NAME = 255;
  public static final int MAX_DESCRIPTION = 1000;
  // Counts the engine does not bound: they keep one request's inserts, and the lookup of its
  // member ids (one bind parameter each, which PostgreSQL's driver limits to 65535), in reason.
  public static final int MAX_LAYERS = 50;
  public static final int MAX_MEMBERS = 500;
  public static final int MAX_RESTRICTIONS = 50;

  /** Stands in for a value already reported as malformed, so the engine does not report it too. */
  private static final LocalDateTime STAND_IN_DATE_TIME = LocalDateTime.of(2000, 1, 1, 0, 0);

  /**
   * The user ids the request names as members, to be looked up in the caller's account: only those
   * {@link #of} checks, so an oversized request cannot make an oversized lookup.
   */
  public static Set<Long> memberIds(ScheduleRequest request) {
    if (request.layers() == null || request.layers().size() > MAX_LAYERS) {
      return Set.of();
    }
    return request.layers().stream()
        .filter(
            layer ->
                layer != null && layer.members() != null && layer.members().size() <= MAX_MEMBERS)
        .flatMap(layer -> layer.members().stream())
        .filter(Objects::nonNull)
        .collect(Collectors.toSet());
  }

  /**
   * @param usersOfAccount those of {@link #memberIds} that are users of the caller's account
   * @param teamOfAccount whether {@code team_id}, when given, is a team of the caller's account
   * @throws OnCallRefusal 400 naming every problem, in snake_case with list indexes
   */
  public static ScheduleDefinition of(
      ScheduleRequest request, Set<Long> usersOfAccount, boolean teamOfAccount) {
    List<String> problems = new ArrayList<>();
    String name = request.name() == null ? "" : request.name().strip();
    if (name.isEmpty()) {
      problems.add("'name' must not be blank");
    } else if (name.length() > MAX_NAME) {
      problems.add("'name' must be at most " + MAX_NAME + " characters");
    }
    String description = request.description() == null ? "" : request.description().strip();
    if (description.length() > MAX_DESCRIPTION) {
      problems.add("'description' must be at most " + MAX_DESCRIPTION + " characters");
    }
    ZoneId zone = null;
    if (request.timeZone() == null) {
      problems.add("'time_zone' is required");
    } else if (!TimeZones.isValid(request.timeZone())) {
      problems.add("'time_zone' is not an IANA time zone (e.g. America/New_York)");
    } else {
      zone = ZoneId.of(request.timeZone());
    }
    if (request.teamId() != null && !teamOfAccount) {
      problems.add("'team_id' is not a team of this account");
    }
    List<Layer> layers = null;
    if (request.layers() != null && request.layers().size() > MAX_LAYERS) {
      problems.add("'layers' must have at most " + MAX_LAYERS + " entries");
    } else if (request.layers() != null) {
      layers = new ArrayList<>();
      for (int i = 0; i < request.layers().size(); i++) {
        ScheduleRequest.LayerRequest layer = request.layers().get(i);
        layers.add(
            layer == null ? null : layer("layers[" + i + "]", layer, usersOfAccount, problems));
      }
    }
    // The engine only checks that a zone is present; a missing or unknown one is reported above.
    ZoneId zoneToCheck = zone == null ? ZoneOffset.UTC : zone;
    if (layers != null || request.layers() == null) {
      for (String problem : ScheduleValidation.problems(zoneToCheck, layers, List.of())) {
        problems.add(fromEngine(problem));
      }
    }
    if (!problems.isEmpty()) {
      problems.sort(Comparator.naturalOrder());
      throw OnCallRefusal.invalid(problems);
    }
    return new ScheduleDefinition(name, description, zone, request.teamId(), List.copyOf(layers));
  }

  private static Layer layer(
      String path, ScheduleRequest.LayerRequest request, Set<Long> users, List<String> problems) {
    if (request.name() != null && request.name().strip().length() > MAX_NAME) {
      problems.add("'" + path + ".name' must be at most " + MAX_NAME + " characters");
    }
    List<Long> members = request.members();
    if (members != null && members.size() > MAX_MEMBERS) {
      problems.add("'" + path + ".members' must have at most " + MAX_MEMBERS + " entries");
    } else if (members != null) {
      for (int j = 0; j < members.size(); j++) {
        Long id = members.get(j);
        if (id != null && !users.contains(id)) {
          problems.add("'" + path + ".members[" + j + "]' is not a user of this account");
        }
      }
    }
    List<Restriction> restrictions = new ArrayList<>();
    if (request.restrictions() != null && request.restrictions().size() > MAX_RESTRICTIONS) {
      problems.add(
          "'" + path + ".restrictions' must have at most " + MAX_RESTRICTIONS + " entries");
    } else if (request.restrictions() != null) {
      for (int k = 0; k < request.restrictions().size(); k++) {
        String restrictionPath = path + ".restrictions[" + k + "]";
        restrictions.add(restriction(restrictionPath, request.restrictions().get(k), problems));
      }
    }
    return new Layer(
        request.name(),
        request.start(),
        request.end(),
        rotation(path + ".rotation", request.rotation(), problems),
        members,
        restrictions);
  }

  private static Rotation rotation(
      String path, ScheduleRequest.RotationRequest request, List<String> problems) {
    if (request == null) {
      return null;
    }
    RotationUnit unit = null;
    if (request.unit() != null) {
      unit = ApiNames.rotationUnit(request.unit());
      if (unit == null) {
        problems.add("'" + path + ".unit' must be one of hours, days, weeks");
        // Reported: a stand-in keeps the engine from reporting it again as missing.
        unit = RotationUnit.HOURS;
      }
    }
    LocalDateTime firstHandoff = null;
    if (request.firstHandoff() != null) {
      try {
        firstHandoff = LocalDateTime.parse(request.firstHandoff());
      } catch (DateTimeParseException e) {
        problems.add(
            "'"
                + path
                + ".first_handoff' must be a local date-time without offset"
                + " (e.g. 2026-11-02T09:00:00)");
        firstHandoff = STAND_IN_DATE_TIME;
      }
    }
    // A missing length reaches the engine as 0: "must be at least 1" says what to send.
    int length = request.length() == null ? 0 : request.length();
    return new Rotation(firstHandoff, length, unit);
  }

  private static Restriction restriction(
      String path, ScheduleRequest.RestrictionRequest request, List<String> problems) {
    if (request == null) {
      return null;
    }
    Duration length =
        request.durationMinutes() == null ? null : Duration.ofMinutes(request.durationMinutes());
    LocalTime start = null;
    if (request.startTime() != null) {
      try {
        start = LocalTime.parse(request.startTime());
      } catch (DateTimeParseException e) {
        problems.add("'" + path + ".start_time' must be a local time (e.g. 09:00)");
        start = LocalTime.MIDNIGHT;
      }
    }
    if ("daily".equals(request.type())) {
      if (request.startDay() != null) {
        problems.add("'" + path + ".start_day' must be absent for a daily restriction");
      }
      return Restriction.daily(start, length);
    }
    DayOfWeek day = null;
    if (!"weekly".equals(request.type())) {
      problems.add("'" + path + ".type' must be one of daily, weekly");
    } else if (request.startDay() == null) {
      problems.add("'" + path + ".start_day' is required for a weekly restriction");
    } else {
      day = ApiNames.day(request.startDay());
      if (day == null) {
        problems.add("'" + path + ".start_day' must be one of " + ApiNames.DAYS);
      }
    }
    // Whatever was wrong above, the engine still checks start and length at this index; a weekly
    // stand-in allows the longest window, so no limit is reported that the client did not ask for.
    return Restriction.weekly(day == null ? DayOfWeek.MONDAY : day, start, length);
  }

  /** "layers[0].rotation.firstHandoff must not be null" as the request names that field. */
  public static String fromEngine(String problem) {
    int space = problem.indexOf(' ');
    String field =
        problem
            .substring(0, space)
            .replaceFirst("^zone$", "time_zone")
            .replaceFirst("(restrictions\\[\\d+])\\.start$", "$1.start_time")
            .replaceFirst("(restrictions\\[\\d+])\\.length$", "$1.duration_minutes")
            .replaceAll("([a-z0-9])([A-Z])", "$1_$2")
            .toLowerCase(Locale.ROOT);
    return "'" + field + "'" + problem.substring(space);
  }
}
