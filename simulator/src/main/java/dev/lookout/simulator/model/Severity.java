package dev.lookout.simulator.model;

/** Cloud Logging's severities, in order, with the numbers the API uses. */
public enum Severity {
  DEFAULT(0),
  DEBUG(100),
  INFO(200),
  NOTICE(300),
  WARNING(400),
  ERROR(500),
  CRITICAL(600),
  ALERT(700),
  EMERGENCY(800);

  private final int number;

  Severity(int number) {
    this.number = number;
  }

  public int number() {
    return number;
  }
}
