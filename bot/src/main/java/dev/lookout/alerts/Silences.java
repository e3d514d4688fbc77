package dev.lookout.alerts;

import java.time.Instant;
import java.util.List;

/** The silences alert evaluation honours. */
public interface Silences {
  /** Silences in force at {@code now}, over every guild. */
  List<Silence> active(Instant now);

  /** Silences that ran out by {@code now} and were not yet noticed; each is returned once. */
  List<Silence> takeExpired(Instant now);
}
