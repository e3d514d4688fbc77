package dev.lookout.reports;

import java.util.Locale;
import java.util.Optional;

/** The lengths a report covers: a calendar day, an ISO week (Monday to Sunday) or a month. */
public enum ReportPeriod {
  DAY,
  WEEK,
  MONTH;

  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Optional<ReportPeriod> parse(String text) {
    for (ReportPeriod p : values()) {
      if (p.id().equalsIgnoreCase(text.strip())) {
        return Optional.of(p);
      }
    }
    return Optional.empty();
  }
}
