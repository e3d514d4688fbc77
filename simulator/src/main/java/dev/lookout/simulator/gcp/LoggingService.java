package dev.lookout.simulator.gcp;

import com.google.api.MonitoredResource;
import com.google.logging.type.HttpRequest;
import com.google.logging.type.LogSeverity;
import com.google.logging.v2.ListLogEntriesRequest;
import com.google.logging.v2.ListLogEntriesResponse;
import com.google.logging.v2.LogEntry;
import com.google.logging.v2.LoggingServiceV2Grpc;
import com.google.protobuf.ListValue;
import com.google.protobuf.Struct;
import com.google.protobuf.Value;
import com.google.protobuf.util.Durations;
import dev.lookout.simulator.model.LogRecord;
import dev.lookout.simulator.model.Severity;
import dev.lookout.simulator.model.SimulatedProject;
import io.grpc.stub.StreamObserver;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Cloud Logging v2 {@code ListLogEntries} over the simulated project's logs: the filter subset a
 * bot needs (resource, severity, time range, log name, payload fields and text search), {@code
 * order_by} on the timestamp, and paging.
 */
public final class LoggingService extends LoggingServiceV2Grpc.LoggingServiceV2ImplBase {
  private static final int DEFAULT_PAGE_SIZE = 50;
  private static final int MAX_PAGE_SIZE = 1000;
  private static final Set<String> TOP_LEVEL_FIELDS =
      Set.of(
          "resource",
          "severity",
          "timestamp",
          "receiveTimestamp",
          "logName",
          "textPayload",
          "jsonPayload",
          "httpRequest",
          "labels",
          "insertId",
          "trace");

  private final SimulatedProject project;

  public LoggingService(SimulatedProject project) {
    this.project = project;
  }

  @Override
  public void listLogEntries(
      ListLogEntriesRequest request, StreamObserver<ListLogEntriesResponse> response) {
    GrpcCalls.unary(response, () -> list(request));
  }

  ListLogEntriesResponse list(ListLogEntriesRequest request) {
    if (request.getResourceNamesCount() == 0) {
      throw GrpcCalls.invalid("Field resource_names is required: name at least one project.");
    }
    for (String name : request.getResourceNamesList()) {
      GrpcCalls.requireProject(name, project.projectId(), "resource_names");
    }
    boolean descending =
        switch (request.getOrderBy().trim().toLowerCase(Locale.ROOT).replaceAll("\\s+", " ")) {
          case "", "timestamp", "timestamp asc" -> false;
          case "timestamp desc" -> true;
          default ->
              throw GrpcCalls.invalid(
                  "Field order_by had an invalid value of \""
                      + request.getOrderBy()
                      + "\": allowed are \"timestamp asc\" and \"timestamp desc\".");
        };
    if (request.getPageSize() < 0) {
      throw GrpcCalls.invalid("Field page_size must not be negative.");
    }
    int pageSize =
        request.getPageSize() == 0
            ? DEFAULT_PAGE_SIZE
            : Math.min(request.getPageSize(), MAX_PAGE_SIZE);
    Filter filter;
    try {
      filter = FilterParser.parse(request.getFilter());
    } catch (IllegalArgumentException e) {
      throw GrpcCalls.invalid(e.getMessage());
    }
    Map<Filter.Restriction, Check> checks = new java.util.IdentityHashMap<>();
    for (Filter.Restriction r : filter.restrictions()) {
      checks.put(r, compile(r, request.getFilter()));
    }

    Instant[] bounds = timeBounds(filter);
    List<LogRecord> all = project.logs().snapshot(bounds[0], bounds[1]);
    String fingerprint =
        request.toBuilder().clearPageToken().clearPageSize().build().toByteString().hashCode() + "";
    // The token remembers the last entry returned, so new entries do not shift the pages.
    long after = -1;
    if (!request.getPageToken().isEmpty()) {
      after = PageTokens.decode(request.getPageToken(), fingerprint, 1)[0];
    }
    int step = descending ? -1 : 1;
    int i;
    if (after < 0) {
      i = descending ? all.size() - 1 : 0;
    } else {
      // Entries are in sequence order: find the first one past the token.
      int insertion = firstWithSequenceAbove(all, after);
      i =
          descending
              ? insertion - 1 - (containsSequence(all, after, insertion) ? 1 : 0)
              : insertion;
    }
    ListLogEntriesResponse.Builder out = ListLogEntriesResponse.newBuilder();
    long lastReturned = -1;
    for (; i >= 0 && i < all.size(); i += step) {
      LogRecord record = all.get(i);
      if (!filter.test(r -> checks.get(r).test(record), term -> contains(record, term))) {
        continue;
      }
      if (out.getEntriesCount() == pageSize) {
        out.setNextPageToken(PageTokens.encode(fingerprint, lastReturned));
        break;
      }
      out.addEntries(entry(record));
      lastReturned = record.sequence();
    }
    return out.build();
  }

  /**
   * The widest [from, to] that the filter's top-level timestamp restrictions allow (every entry
   * outside it fails the filter), so only entries within it are read.
   */
  private static Instant[] timeBounds(Filter filter) {
    Instant from = Instant.MIN;
    Instant to = Instant.MAX;
    List<Filter> terms = filter instanceof Filter.And and ? and.terms() : List.of(filter);
    for (Filter t : terms) {
      if (t instanceof Filter.Restriction r
          && r.field().equals("timestamp")
          && r.value() instanceof Filter.Literal literal) {
        Instant at = Instant.parse(literal.text()); // checked when the filter was compiled
        switch (r.op()) {
          case GT, GE -> from = at.isAfter(from) ? at : from;
          case LT, LE -> to = at.isBefore(to) ? at : to;
          case EQ -> {
            from = at.isAfter(from) ? at : from;
            to = at.isBefore(to) ? at : to;
          }
          default -> {}
        }
      }
    }
    return new Instant[] {from, to};
  }

  /** The index of the first entry whose sequence is greater than {@code sequence}. */
  private static int firstWithSequenceAbove(List<LogRecord> all, long sequence) {
    int lo = 0;
    int hi = all.size();
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (all.get(mid).sequence() <= sequence) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }

  private static boolean containsSequence(List<LogRecord> all, long sequence, int insertion) {
    return insertion > 0 && all.get(insertion - 1).sequence() == sequence;
  }

  /** A restriction compiled once per request. */
  private record Check(Filter.Restriction restriction, java.util.function.Predicate<LogRecord> test)
      implements java.util.function.Predicate<LogRecord> {
    @Override
    public boolean test(LogRecord record) {
      return test.test(record);
    }
  }

  private Check compile(Filter.Restriction r, String source) {
    String field = r.field();
    String root = field.contains(".") ? field.substring(0, field.indexOf('.')) : field;
    if (!TOP_LEVEL_FIELDS.contains(root)) {
      throw GrpcCalls.invalid(
          "Field filter had an invalid value of \""
              + source
              + "\": unknown field '"
              + field
              + "'; allowed: "
              + String.join(", ", new java.util.TreeSet<>(TOP_LEVEL_FIELDS)));
    }
    if (!(r.value() instanceof Filter.Literal literal)) {
      throw GrpcCalls.invalid(
          "Field filter had an invalid value of \""
              + source
              + "\": functions are not supported on '"
              + field
              + "'.");
    }
    String value = literal.text();
    return switch (field) {
      case "severity" -> {
        int wanted = severityNumber(value, source);
        yield new Check(r, rec -> compareNumbers(rec.severity().number(), wanted, r.op()));
      }
      case "timestamp", "receiveTimestamp" -> {
        Instant wanted;
        try {
          wanted = Instant.parse(value);
        } catch (DateTimeParseException e) {
          throw GrpcCalls.invalid(
              "Field filter had an invalid value of \""
                  + source
                  + "\": '"
                  + value
                  + "' is not an RFC 3339 timestamp such as \"2026-11-22T10:32:00Z\".");
        }
        yield new Check(r, rec -> compareNumbers(rec.timestamp().compareTo(wanted), 0, r.op()));
      }
      default -> {
        Pattern regex = null;
        if (r.op() == Filter.Operator.REGEX || r.op() == Filter.Operator.NOT_REGEX) {
          try {
            regex = Pattern.compile(value);
          } catch (PatternSyntaxException e) {
            throw GrpcCalls.invalid(
                "Field filter had an invalid value: bad regular expression '" + value + "'.");
          }
        }
        Pattern compiled = regex;
        yield new Check(r, rec -> compareText(fieldValue(rec, field), value, r.op(), compiled));
      }
    };
  }

  private static int severityNumber(String value, String source) {
    try {
      return Integer.parseInt(value);
    } catch (NumberFormatException notNumber) {
      try {
        return Severity.valueOf(value.toUpperCase(Locale.ROOT)).number();
      } catch (IllegalArgumentException e) {
        throw GrpcCalls.invalid(
            "Field filter had an invalid value of \""
                + source
                + "\": unknown severity '"
                + value
                + "'; allowed: DEFAULT, DEBUG, INFO, NOTICE, WARNING, ERROR, CRITICAL, ALERT,"
                + " EMERGENCY.");
      }
    }
  }

  private static boolean compareNumbers(int actual, int wanted, Filter.Operator op) {
    return switch (op) {
      case EQ, HAS -> actual == wanted;
      case NE -> actual != wanted;
      case LT -> actual < wanted;
      case LE -> actual <= wanted;
      case GT -> actual > wanted;
      case GE -> actual >= wanted;
      case REGEX, NOT_REGEX -> false;
    };
  }

  private static boolean compareText(
      String actual, String wanted, Filter.Operator op, Pattern regex) {
    if (actual == null) {
      return op == Filter.Operator.NE || op == Filter.Operator.NOT_REGEX;
    }
    return switch (op) {
      case EQ -> actual.equals(wanted);
      case NE -> !actual.equals(wanted);
      case HAS -> actual.toLowerCase(Locale.ROOT).contains(wanted.toLowerCase(Locale.ROOT));
      case REGEX -> regex.matcher(actual).find();
      case NOT_REGEX -> !regex.matcher(actual).find();
      case LT, LE, GT, GE -> {
        int c = compareMaybeNumeric(actual, wanted);
        yield compareNumbers(c, 0, op);
      }
    };
  }

  private static int compareMaybeNumeric(String a, String b) {
    try {
      return Double.compare(Double.parseDouble(a), Double.parseDouble(b));
    } catch (NumberFormatException e) {
      return a.compareTo(b);
    }
  }

  private String fieldValue(LogRecord rec, String field) {
    return switch (field) {
      case "resource.type" -> "cloud_run_revision";
      case "resource.labels.service_name", "resource.labels.configuration_name" -> rec.service();
      case "resource.labels.revision_name" -> rec.revision();
      case "resource.labels.location" -> project.region();
      case "resource.labels.project_id" -> project.projectId();
      case "logName" -> logName(rec);
      case "textPayload" -> rec.text();
      case "labels.instanceId" -> rec.instanceId();
      case "insertId" -> insertId(rec);
      case "trace" -> rec.trace();
      case "httpRequest.status" -> rec.http() == null ? null : "" + rec.http().status();
      case "httpRequest.requestMethod" -> rec.http() == null ? null : rec.http().method();
      case "httpRequest.requestUrl" -> rec.http() == null ? null : rec.http().url();
      default -> {
        if (field.startsWith("jsonPayload.") && rec.json() != null) {
          Object v = rec.json().get(field.substring("jsonPayload.".length()));
          yield v == null ? null : v.toString();
        }
        yield null;
      }
    };
  }

  private boolean contains(LogRecord rec, String term) {
    String t = term.toLowerCase(Locale.ROOT);
    if (rec.text() != null && rec.text().toLowerCase(Locale.ROOT).contains(t)) {
      return true;
    }
    if (rec.json() != null) {
      for (Map.Entry<String, Object> e : rec.json().entrySet()) {
        if (String.valueOf(e.getValue()).toLowerCase(Locale.ROOT).contains(t)) {
          return true;
        }
      }
    }
    if (rec.http() != null && rec.http().url().toLowerCase(Locale.ROOT).contains(t)) {
      return true;
    }
    return rec.service().contains(t) || rec.logName().contains(t);
  }

  private String logName(LogRecord rec) {
    return "projects/"
        + project.projectId()
        + "/logs/"
        + URLEncoder.encode(rec.logName(), StandardCharsets.UTF_8);
  }

  private static String insertId(LogRecord rec) {
    return "sim-" + rec.sequence();
  }

  private LogEntry entry(LogRecord rec) {
    LogEntry.Builder b =
        LogEntry.newBuilder()
            .setLogName(logName(rec))
            .setResource(
                MonitoredResource.newBuilder()
                    .setType("cloud_run_revision")
                    .putLabels("project_id", project.projectId())
                    .putLabels("service_name", rec.service())
                    .putLabels("revision_name", rec.revision())
                    .putLabels("location", project.region())
                    .putLabels("configuration_name", rec.service()))
            .setTimestamp(MonitoringService.timestamp(rec.timestamp()))
            .setReceiveTimestamp(MonitoringService.timestamp(rec.timestamp().plusMillis(120)))
            .setSeverity(LogSeverity.forNumber(rec.severity().number()))
            .setInsertId(insertId(rec));
    if (rec.instanceId() != null) {
      b.putLabels("instanceId", rec.instanceId());
    }
    if (rec.trace() != null) {
      b.setTrace(rec.trace());
    }
    if (rec.text() != null) {
      b.setTextPayload(rec.text());
    }
    if (rec.json() != null) {
      b.setJsonPayload(struct(rec.json()));
    }
    if (rec.http() != null) {
      b.setHttpRequest(
          HttpRequest.newBuilder()
              .setRequestMethod(rec.http().method())
              .setRequestUrl(rec.http().url())
              .setStatus(rec.http().status())
              .setLatency(Durations.fromMillis(rec.http().latencyMillis()))
              .setResponseSize(rec.http().responseSize())
              .setProtocol("HTTP/1.1"));
    }
    return b.build();
  }

  private static Struct struct(Map<String, Object> map) {
    Struct.Builder s = Struct.newBuilder();
    map.forEach((k, v) -> s.putFields(k, value(v)));
    return s.build();
  }

  private static Value value(Object v) {
    return switch (v) {
      case null -> Value.newBuilder().setNullValueValue(0).build();
      case Number n -> Value.newBuilder().setNumberValue(n.doubleValue()).build();
      case Boolean bool -> Value.newBuilder().setBoolValue(bool).build();
      case Map<?, ?> map -> {
        Struct.Builder st = Struct.newBuilder();
        map.forEach((k, item) -> st.putFields(k.toString(), value(item)));
        yield Value.newBuilder().setStructValue(st).build();
      }
      case List<?> list -> {
        ListValue.Builder l = ListValue.newBuilder();
        list.forEach(item -> l.addValues(value(item)));
        yield Value.newBuilder().setListValue(l).build();
      }
      default -> Value.newBuilder().setStringValue(v.toString()).build();
    };
  }
}
