package dev.lookout.operations;

import java.util.Locale;

/** Where a load drill stands. */
public enum DrillStatus {
  RUNNING,
  FINISHED,
  STOPPED,
  FAILED;

  public String key() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static DrillStatus parse(String key) {
    return valueOf(key.toUpperCase(Locale.ROOT));
  }
}
