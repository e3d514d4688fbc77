package dev.lookout.knowledge;

import java.time.Instant;

/**
 * One log entry as it reached the knowledge base: its time, where it came from, how severe, and its
 * text (a JSON payload is flattened to text by the caller; a multi-line stack trace stays one
 * entry).
 *
 * @param id where the entry came from: Cloud Logging's insertId, or a file's line number
 * @param origin the header fields that say where in the system it was written (a component, a node,
 *     a program), searchable beside the text but not part of its template
 */
public record LogEntry(
    Instant time,
    String service,
    String revision,
    Severity severity,
    String text,
    String id,
    String origin) {
  public LogEntry {
    service = service == null ? "" : service;
    revision = revision == null ? "" : revision;
    severity = severity == null ? Severity.DEFAULT : severity;
    text = text == null ? "" : text;
    id = id == null ? "" : id;
    origin = origin == null ? "" : origin;
  }

  public LogEntry(
      Instant time, String service, String revision, Severity severity, String text, String id) {
    this(time, service, revision, severity, text, id, "");
  }
}
