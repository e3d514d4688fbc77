package dev.lookout.operations;

import java.util.Locale;

/**
 * Who asked for a proposal: a member's /scale, the scheduler, an alert's button, a digest's button,
 * or a rollback.
 */
public enum ProposalOrigin {
  COMMAND,
  SCHEDULER,
  ALERT,
  DIGEST,
  ROLLBACK;

  public String key() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static ProposalOrigin parse(String key) {
    return valueOf(key.toUpperCase(Locale.ROOT));
  }
}
