package dev.lookout.alerts;

import java.util.List;
import java.util.Set;

/** Where external alerts are kept, as evaluation reads them. */
public interface ExternalAlerts {
  /** The external alerts of {@code service} that are open or closed recently enough to resolve. */
  List<ExternalAlert> ofService(String service);

  /** The services that have such alerts. */
  Set<String> services();
}
