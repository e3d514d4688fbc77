package dev.lookout.cloud;

import com.google.logging.v2.LogEntry;
import com.google.protobuf.Struct;
import com.google.protobuf.Value;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A Cloud Logging entry as the one text the knowledge base reads, whatever the service wrote: a
 * text payload as it is; a structured payload (Cloud Logging's structured logging, and the shapes
 * pino, zap, logrus and Python's loggers give it) as its message and its other fields on the first
 * line, with an error's type and message, and its stack trace whole on the lines after; a request
 * log as its method, URL, status with its class ("503 (5xx server error)") and latency. The first
 * line is what the template is mined from; every line is searchable.
 */
final class EntryText {
  private static final List<String> MESSAGE_KEYS = List.of("message", "msg", "textPayload");

  /** Where structured loggers put a stack trace. */
  private static final List<String> STACK_KEYS =
      List.of("stack_trace", "stackTrace", "stacktrace", "stack", "exception", "exc_info");

  /** Where they put an error: a string, or an object with a type, a message and a stack. */
  private static final List<String> ERROR_KEYS = List.of("err", "error");

  /** Fields that say how to file the entry, not what happened. */
  private static final Set<String> SKIPPED =
      Set.of(
          "severity",
          "level",
          "time",
          "timestamp",
          "@type",
          "serviceContext",
          "context",
          "httpRequest",
          "v",
          "pid",
          "hostname");

  private EntryText() {}

  static String of(LogEntry e) {
    String request = e.hasHttpRequest() ? request(e.getHttpRequest()) : "";
    if (e.hasJsonPayload()) {
      String text = structured(e.getJsonPayload());
      if (request.isEmpty()) {
        return text;
      }
      int nl = text.indexOf('\n');
      return nl < 0
          ? join(text, request)
          : join(text.substring(0, nl), request) + text.substring(nl);
    }
    if (!e.getTextPayload().isEmpty()) {
      return e.getTextPayload();
    }
    return request;
  }

  /** A request: "GET https://x/cart 503 (5xx server error) in 120 ms". */
  static String request(com.google.logging.type.HttpRequest r) {
    StringBuilder b = new StringBuilder();
    b.append(r.getRequestMethod()).append(' ').append(r.getRequestUrl());
    if (r.getStatus() > 0) {
      b.append(' ')
          .append(r.getStatus())
          .append(" (")
          .append(statusClass(r.getStatus()))
          .append(')');
    }
    if (r.hasLatency()) {
      b.append(" in ")
          .append(r.getLatency().getSeconds() * 1000 + r.getLatency().getNanos() / 1_000_000)
          .append(" ms");
    }
    return b.toString().strip();
  }

  /**
   * A status's class in digits and in words: the words keep requests of different classes apart
   * when values are masked into templates, the digits answer "5xx".
   */
  private static String statusClass(int status) {
    String words =
        switch (status / 100) {
          case 1 -> "informational";
          case 2 -> "success";
          case 3 -> "redirect";
          case 4 -> "client error";
          case 5 -> "server error";
          default -> "unknown";
        };
    return status / 100 + "xx " + words;
  }

  static String structured(Struct payload) {
    Map<String, Value> fields = payload.getFieldsMap();
    String message = "";
    for (String key : MESSAGE_KEYS) {
      if (fields.containsKey(key)) {
        message = plain(fields.get(key));
        break;
      }
    }
    String stack = "";
    for (String key : STACK_KEYS) {
      if (fields.containsKey(key)) {
        stack = plain(fields.get(key));
        break;
      }
    }
    String error = "";
    for (String key : ERROR_KEYS) {
      Value v = fields.get(key);
      if (v == null) {
        continue;
      }
      if (v.hasStructValue()) {
        Map<String, Value> err = v.getStructValue().getFieldsMap();
        String type = text(err, "type", "name", "class");
        String what = text(err, "message", "msg");
        error = type.isEmpty() ? what : what.isEmpty() ? type : type + ": " + what;
        if (stack.isEmpty()) {
          stack = text(err, "stack", "stack_trace", "stacktrace");
        }
      } else {
        error = plain(v);
      }
      break;
    }
    // A message that is itself a trace ("Traceback ..." logged as one string) stays as written.
    int nl = message.indexOf('\n');
    if (nl >= 0 && stack.isEmpty()) {
      stack = message.substring(nl + 1);
      message = message.substring(0, nl);
    }
    StringBuilder first = new StringBuilder(message);
    if (!error.isEmpty() && !message.contains(error)) {
      first.append(first.isEmpty() ? "" : ": ").append(error);
    }
    fields.forEach(
        (k, v) -> {
          if (MESSAGE_KEYS.contains(k)
              || STACK_KEYS.contains(k)
              || ERROR_KEYS.contains(k)
              || SKIPPED.contains(k)
              || k.startsWith("logging.googleapis.com/")) {
            return;
          }
          if (v.hasStructValue()) {
            v.getStructValue()
                .getFieldsMap()
                .forEach(
                    (sub, sv) -> {
                      if (!sv.hasStructValue() && !sv.hasListValue()) {
                        append(first, k + "." + sub + "=" + plain(sv));
                      }
                    });
          } else {
            append(first, k + "=" + plain(v));
          }
        });
    String head = first.toString().replace('\n', ' ').strip();
    return stack.isBlank() ? head : head + "\n" + stack.strip();
  }

  private static void append(StringBuilder b, String part) {
    b.append(b.isEmpty() ? "" : " ").append(part);
  }

  private static String join(String a, String b) {
    return a.isEmpty() ? b : a + " " + b;
  }

  private static String text(Map<String, Value> fields, String... keys) {
    for (String k : keys) {
      Value v = fields.get(k);
      if (v != null && !v.hasStructValue()) {
        return plain(v);
      }
    }
    return "";
  }

  private static String plain(Value v) {
    return switch (v.getKindCase()) {
      case STRING_VALUE -> v.getStringValue();
      case NUMBER_VALUE ->
          v.getNumberValue() == Math.rint(v.getNumberValue()) && Math.abs(v.getNumberValue()) < 1e15
              ? String.valueOf((long) v.getNumberValue())
              : String.valueOf(v.getNumberValue());
      case BOOL_VALUE -> String.valueOf(v.getBoolValue());
      case NULL_VALUE -> "null";
      case LIST_VALUE ->
          String.join(
              ",", v.getListValue().getValuesList().stream().map(EntryText::plain).toList());
      default -> com.google.protobuf.TextFormat.shortDebugString(v);
    };
  }
}
