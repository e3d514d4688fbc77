package dev.lookout.cloud;

import com.google.api.gax.rpc.ApiException;
import com.google.logging.v2.ListLogEntriesRequest;
import com.google.logging.v2.LogEntry;
import dev.lookout.health.HealthSource;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Reads a Cloud Run service's recent log entries through the official GAPIC logging client. */
public final class CloudRunLogs implements dev.lookout.health.LogFeed {
  /** Counting stops here: past it, "many" is all a rule needs to know. */
  static final int COUNT_CAP = 5_000;

  private final GoogleClients clients;
  private final String projectId;

  public CloudRunLogs(GoogleClients clients, String projectId) {
    this.clients = clients;
    this.projectId = projectId;
  }

  private String filter(String service, String extra, Instant since) {
    return "resource.type=\"cloud_run_revision\" AND resource.labels.service_name=\""
        + service
        + "\" AND timestamp>=\""
        + since
        + "\""
        + (extra.isEmpty() ? "" : " AND " + extra);
  }

  /** How many entries match {@code extra} since {@code since}, up to a cap. */
  public int count(String service, String extra, Instant since) {
    try {
      int n = 0;
      for (LogEntry ignored :
          clients
              .logging()
              .listLogEntries(
                  ListLogEntriesRequest.newBuilder()
                      .addResourceNames("projects/" + projectId)
                      .setFilter(filter(service, extra, since))
                      .setPageSize(1000)
                      .build())
              .iterateAll()) {
        if (++n >= COUNT_CAP) {
          break;
        }
      }
      return n;
    } catch (ApiException e) {
      throw new HealthSource.SourceUnavailableException(
          "Cloud Logging did not answer (" + e.getStatusCode().getCode() + ")", e);
    }
  }

  /**
   * The service's entries from {@code from} (inclusive) to {@code to} (exclusive), oldest first, at
   * most {@code max}, read page by page.
   */
  @Override
  public List<dev.lookout.knowledge.LogEntry> between(
      String service, Instant from, Instant to, int max) {
    return entries(service, from, to, max).stream().map(CloudRunLogs::toKnowledge).toList();
  }

  /** The entries as Cloud Logging returns them; see {@link #between}. */
  public List<LogEntry> entries(String service, Instant from, Instant to, int max) {
    try {
      List<LogEntry> out = new ArrayList<>();
      for (LogEntry e :
          clients
              .logging()
              .listLogEntries(
                  ListLogEntriesRequest.newBuilder()
                      .addResourceNames("projects/" + projectId)
                      .setFilter(filter(service, "timestamp<\"" + to + "\"", from))
                      .setOrderBy("timestamp asc")
                      .setPageSize(1000)
                      .build())
              .iterateAll()) {
        out.add(e);
        if (out.size() >= max) {
          break;
        }
      }
      return out;
    } catch (ApiException e) {
      throw new HealthSource.SourceUnavailableException(
          "Cloud Logging did not answer (" + e.getStatusCode().getCode() + ")", e);
    }
  }

  /** A log entry as the knowledge base reads it: its text as {@link EntryText} writes it. */
  public static dev.lookout.knowledge.LogEntry toKnowledge(LogEntry e) {
    String text = EntryText.of(e);
    var labels = e.getResource().getLabelsMap();
    return new dev.lookout.knowledge.LogEntry(
        Instant.ofEpochSecond(e.getTimestamp().getSeconds(), e.getTimestamp().getNanos()),
        labels.getOrDefault("service_name", ""),
        labels.getOrDefault("revision_name", ""),
        dev.lookout.knowledge.Severity.parse(e.getSeverity().name()),
        text,
        e.getInsertId());
  }

  /** The newest entries matching {@code extra} since {@code since}, newest first. */
  public List<LogEntry> recent(String service, String extra, Instant since, int limit) {
    try {
      List<LogEntry> out = new ArrayList<>();
      var page =
          clients
              .logging()
              .listLogEntries(
                  ListLogEntriesRequest.newBuilder()
                      .addResourceNames("projects/" + projectId)
                      .setFilter(filter(service, extra, since))
                      .setOrderBy("timestamp desc")
                      .setPageSize(limit)
                      .build())
              .getPage();
      page.getValues().forEach(out::add);
      return out;
    } catch (ApiException e) {
      throw new HealthSource.SourceUnavailableException(
          "Cloud Logging did not answer (" + e.getStatusCode().getCode() + ")", e);
    }
  }
}
