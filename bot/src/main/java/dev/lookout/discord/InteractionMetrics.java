package dev.lookout.discord;

/** Where the router reports how long each command took and whether it failed. */
@FunctionalInterface
public interface InteractionMetrics {
  void record(String what, long nanos, boolean failed);

  InteractionMetrics NONE = (what, nanos, failed) -> {};
}
