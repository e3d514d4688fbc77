package dev.lookout.cloud;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.logging.type.HttpRequest;
import com.google.logging.v2.LogEntry;
import com.google.protobuf.Struct;
import com.google.protobuf.Value;
import com.google.protobuf.util.JsonFormat;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Cloud Logging entries of every common shape, as the text the knowledge base reads. */
class EntryTextTest {
  private static LogEntry json(String json) throws Exception {
    Struct.Builder s = Struct.newBuilder();
    JsonFormat.parser().merge(json, s);
    return LogEntry.newBuilder().setJsonPayload(s).build();
  }

  @Test
  @DisplayName("a structured entry: message, fields, and the stack trace whole on the next lines")
  void structuredWithStack() throws Exception {
    String text =
        EntryText.of(
            json(
                """
                {"message": "upstream request timed out after 30s", "severity": "ERROR",
                 "logger": "consumer.upstream",
                 "stack_trace": "Traceback (most recent call last):\\n  File \\"a.py\\", line 1\\nhttpx.ReadTimeout: timed out",
                 "logging.googleapis.com/sourceLocation": {"file": "a.py", "line": "1"},
                 "logging.googleapis.com/trace": "projects/p/traces/abc"}
                """));
    assertThat(text.lines().findFirst().orElseThrow())
        .isEqualTo("upstream request timed out after 30s logger=consumer.upstream");
    assertThat(text)
        .contains("\nTraceback (most recent call last):")
        .endsWith("ReadTimeout: timed out");
    assertThat(text).doesNotContain("sourceLocation").doesNotContain("traces/abc");
  }

  @Test
  @DisplayName("an error object (pino, zap) gives its type and message, and its stack")
  void errorObject() throws Exception {
    String text =
        EntryText.of(
            json(
                """
                {"msg": "upstream call failed", "level": "error", "name": "image-resizer",
                 "err": {"type": "TimeoutError", "message": "upstream timeout after 30000ms",
                         "stack": "TimeoutError: upstream timeout after 30000ms\\n    at x (/app/a.js:1:2)"}}
                """));
    assertThat(text.lines().findFirst().orElseThrow())
        .isEqualTo(
            "upstream call failed: TimeoutError: upstream timeout after 30000ms name=image-resizer");
    assertThat(text).contains("\n    at x (/app/a.js:1:2)");
  }

  @Test
  @DisplayName("a message that is itself a trace keeps its first line as the message")
  void traceInMessage() throws Exception {
    String text =
        EntryText.of(
            json(
                "{\"message\": \"Application run failed\\njava.lang.IllegalStateException: x\\n\\tat a.B.c(B.java:1)\", \"n\": 3}"));
    assertThat(text.lines().toList())
        .containsExactly(
            "Application run failed n=3",
            "java.lang.IllegalStateException: x",
            "\tat a.B.c(B.java:1)");
  }

  @Test
  @DisplayName("a request log: method, URL, status with its class, latency")
  void request() {
    LogEntry e =
        LogEntry.newBuilder()
            .setHttpRequest(
                HttpRequest.newBuilder()
                    .setRequestMethod("POST")
                    .setRequestUrl("https://checkout.run.app/cart?id=4")
                    .setStatus(503)
                    .setLatency(com.google.protobuf.Duration.newBuilder().setNanos(120_000_000)))
            .build();
    assertThat(EntryText.of(e))
        .isEqualTo("POST https://checkout.run.app/cart?id=4 503 (5xx server error) in 120 ms");
  }

  @Test
  @DisplayName("a text payload is kept as written; odd values are written plainly")
  void textAndValues() throws Exception {
    assertThat(EntryText.of(LogEntry.newBuilder().setTextPayload("plain line\n  two").build()))
        .isEqualTo("plain line\n  two");
    assertThat(EntryText.of(json("{\"a\": 1.5, \"b\": true, \"c\": null, \"d\": [1, \"x\"]}")))
        .isEqualTo("a=1.5 b=true c=null d=1,x");
    assertThat(EntryText.of(json("{}"))).isEmpty();
    assertThat(
            EntryText.structured(
                Struct.newBuilder()
                    .putFields("error", Value.newBuilder().setStringValue("boom").build())
                    .build()))
        .isEqualTo("boom");
  }
}
