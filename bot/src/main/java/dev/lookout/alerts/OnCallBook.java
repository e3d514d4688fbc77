package dev.lookout.alerts;

import java.util.List;
import java.util.Optional;

/** Where on-call schedules are kept, as handoffs and escalations read them. */
public interface OnCallBook {
  /** Every schedule; names are unique within a guild, and Lookout serves one. */
  List<OnCallSchedule> all();

  /** Who the schedule's last handoff notice named. */
  Optional<String> announced(long scheduleId);
}
