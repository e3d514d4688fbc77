package dev.lookout.discord;

import dev.lookout.operations.ScaleSettings;
import dev.lookout.operations.ScaleWorkflow;
import java.time.Duration;

/** What happened to a proposal, in the words its record, its card and the audit keep. */
public final class ProposalTexts implements ScaleWorkflow.Words {
  @Override
  public String conflict(String why) {
    return "the service was changed by someone else since this proposal was made ("
        + why
        + "). Nothing was applied; propose again from its current values.";
  }

  @Override
  public String refused(String why) {
    return "Cloud Run refused the change: " + why;
  }

  @Override
  public String rolloutFailed(String why) {
    return "the rollout failed: " + why;
  }

  @Override
  public String applied(ScaleSettings settings, String revision) {
    return settings + " on revision " + revision;
  }

  @Override
  public String applying(ScaleSettings settings) {
    return settings.toString();
  }

  @Override
  public String rolledBack(long by, ScaleSettings backTo) {
    return "by proposal #" + by + ": back to " + backTo;
  }

  @Override
  public String expired(Duration expiry) {
    return "no decision within " + expiry.toMinutes() + " min";
  }

  @Override
  public String rollbackReason(long id) {
    return "roll back proposal #" + id;
  }
}
