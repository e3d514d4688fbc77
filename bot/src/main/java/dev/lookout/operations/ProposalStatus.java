package dev.lookout.operations;

import java.util.Locale;
import java.util.Set;

/**
 * Where a scale proposal stands: {@code pending -> approved -> applying -> applied | failed},
 * {@code pending -> rejected | expired}, later {@code applied -> rolled_back}.
 */
public enum ProposalStatus {
  PENDING,
  APPROVED,
  APPLYING,
  APPLIED,
  FAILED,
  REJECTED,
  EXPIRED,
  ROLLED_BACK;

  /** The statuses a proposal may move to from this one. */
  public Set<ProposalStatus> next() {
    return switch (this) {
      case PENDING -> Set.of(APPROVED, REJECTED, EXPIRED);
      case APPROVED -> Set.of(APPLYING, FAILED);
      case APPLYING -> Set.of(APPLIED, FAILED);
      case APPLIED -> Set.of(ROLLED_BACK);
      default -> Set.of();
    };
  }

  /** Whether the proposal still holds its service (one open proposal per service). */
  public boolean isOpen() {
    return this == PENDING || this == APPROVED || this == APPLYING;
  }

  public String key() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static ProposalStatus parse(String key) {
    return valueOf(key.toUpperCase(Locale.ROOT));
  }
}
