package dev.lookout.alerts;

import java.util.List;
import java.util.Optional;

/** Where on-call schedules are kept, as handoffs and escalations read them. */
public interface OnCallBook {
  List<OnCallSchedule> all();

  /** The schedule of that name (names are unique within a guild; Lookout serves one). */
  Optional<OnCallSchedule> named(String name);

  /** Who the schedule's last handoff notice named. */
  Optional<String> announced(long scheduleId);
}
