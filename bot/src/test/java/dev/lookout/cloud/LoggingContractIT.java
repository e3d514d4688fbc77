package dev.lookout.cloud;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.api.gax.rpc.InvalidArgumentException;
import com.google.cloud.logging.v2.LoggingClient;
import com.google.logging.type.LogSeverity;
import com.google.logging.v2.ListLogEntriesRequest;
import com.google.logging.v2.LogEntry;
import com.google.protobuf.util.Timestamps;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Cloud Run logs through the official GAPIC {@link LoggingClient}. */
class LoggingContractIT {
  private static SimulatorFixture fixture;
  private static Instant now;

  @BeforeAll
  static void start() {
    fixture = new SimulatorFixture();
    now = fixture.simulator.project().clock().instant();
  }

  @AfterAll
  static void stop() {
    fixture.close();
  }

  private static List<LogEntry> list(String filter, String orderBy, int pageSize) {
    ListLogEntriesRequest request =
        ListLogEntriesRequest.newBuilder()
            .addResourceNames(SimulatorFixture.PROJECT)
            .setFilter(filter)
            .setOrderBy(orderBy)
            .setPageSize(pageSize)
            .build();
    List<LogEntry> out = new ArrayList<>();
    fixture.clients.logging().listLogEntries(request).iterateAll().forEach(out::add);
    return out;
  }

  @Test
  @DisplayName("resource labels and a severity comparison select one service's errors")
  void serviceAndSeverity() {
    List<LogEntry> entries =
        list(
            "resource.type=\"cloud_run_revision\" AND resource.labels.service_name=\"image-resizer\""
                + " AND severity>=ERROR",
            "",
            1000);
    assertThat(entries).isNotEmpty();
    assertThat(entries)
        .allSatisfy(
            e -> {
              assertThat(e.getResource().getLabelsOrThrow("service_name"))
                  .isEqualTo("image-resizer");
              assertThat(e.getSeverity().getNumber())
                  .isGreaterThanOrEqualTo(LogSeverity.ERROR_VALUE);
            });
    assertThat(entries).anyMatch(e -> e.getTextPayload().contains("Memory limit of"));
  }

  @Test
  @DisplayName("a timestamp range and descending order")
  void timeRange() {
    Instant from = now.minusSeconds(600);
    List<LogEntry> entries =
        list(
            "timestamp>=\"" + from + "\" AND timestamp<\"" + now.minusSeconds(300) + "\"",
            "timestamp desc",
            1000);
    assertThat(entries).isNotEmpty();
    for (LogEntry e : entries) {
      Instant t = Instant.ofEpochMilli(Timestamps.toMillis(e.getTimestamp()));
      assertThat(t).isAfterOrEqualTo(from).isBefore(now.minusSeconds(300));
    }
    for (int i = 1; i < entries.size(); i++) {
      assertThat(
              Timestamps.compare(entries.get(i - 1).getTimestamp(), entries.get(i).getTimestamp()))
          .isGreaterThanOrEqualTo(0);
    }
  }

  @Test
  @DisplayName("text search, payload fields and OR")
  void textSearch() {
    assertThat(list("\"Container called exit\" OR \"signal 9\"", "", 1000))
        .isNotEmpty()
        .allMatch(
            e -> e.getTextPayload().contains("exit") || e.getTextPayload().contains("signal 9"));
    List<LogEntry> big = list("jsonPayload.input_tokens>1500", "", 1000);
    assertThat(big)
        .isNotEmpty()
        .allMatch(e -> e.getJsonPayload().getFieldsOrThrow("input_tokens").getNumberValue() > 1500);
    assertThat(list("httpRequest.status>=500 -resource.labels.service_name=\"consumer\"", "", 1000))
        .allMatch(e -> e.getHttpRequest().getStatus() >= 500)
        .noneMatch(e -> e.getResource().getLabelsOrThrow("service_name").equals("consumer"));
  }

  @Test
  @DisplayName("paging in small pages returns every entry once, in order")
  void paging() {
    String filter =
        "resource.labels.service_name=\"checkout-api\" AND severity>=INFO AND timestamp>=\""
            + now.minusSeconds(600)
            + "\"";
    var firstPage =
        fixture
            .clients
            .logging()
            .listLogEntries(
                ListLogEntriesRequest.newBuilder()
                    .addResourceNames(SimulatorFixture.PROJECT)
                    .setFilter(filter)
                    .setPageSize(25)
                    .build());
    assertThat(firstPage.getNextPageToken()).isNotEmpty();
    List<String> paged = new ArrayList<>();
    firstPage.iterateAll().forEach(e -> paged.add(e.getInsertId()));
    List<String> whole = list(filter, "", 1000).stream().map(LogEntry::getInsertId).toList();
    assertThat(paged).hasSizeGreaterThan(25).doesNotHaveDuplicates();
    assertThat(paged.subList(0, Math.min(whole.size(), paged.size())))
        .isEqualTo(whole.subList(0, Math.min(whole.size(), paged.size())));
  }

  @Test
  @DisplayName("paging newest first returns the same entries as one page, reversed")
  void pagingDescending() {
    String filter = "resource.labels.service_name=\"consumer\" AND severity>=WARNING";
    List<String> paged =
        list(filter, "timestamp desc", 10).stream().map(LogEntry::getInsertId).toList();
    List<String> ascending =
        new ArrayList<>(
            list(filter, "timestamp asc", 1000).stream().map(LogEntry::getInsertId).toList());
    java.util.Collections.reverse(ascending);
    assertThat(paged).hasSizeGreaterThan(10).isEqualTo(ascending);
  }

  @Test
  @DisplayName("entries carry Cloud Run's log names, resource, payloads and request data")
  void entryShape() {
    List<LogEntry> requests = new ArrayList<>();
    fixture
        .clients
        .logging()
        .listLogEntries(
            ListLogEntriesRequest.newBuilder()
                .addResourceNames(SimulatorFixture.PROJECT)
                .setFilter("logName=\"projects/lookout-demo/logs/run.googleapis.com%2Frequests\"")
                .setPageSize(5)
                .build())
        .getPage()
        .getValues()
        .forEach(requests::add);
    assertThat(requests).isNotEmpty();
    LogEntry r = requests.get(0);
    assertThat(r.getResource().getType()).isEqualTo("cloud_run_revision");
    assertThat(r.hasHttpRequest()).isTrue();
    assertThat(r.getTrace()).startsWith("projects/");
    assertThat(r.getLabelsMap()).containsKey("instanceId");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "severity>=LOUD | | unknown severity",
        "timestamp>=\"yesterday\" | | RFC 3339",
        "(severity>=ERROR | | expected ')'",
        "colour=\"red\" | | unknown field",
        "severity>=ERROR | timestamp sideways | order_by",
      })
  @DisplayName("filters and orders GCP rejects are rejected with INVALID_ARGUMENT")
  void invalid(String filter, String orderBy, String reason) {
    assertThatThrownBy(() -> list(filter, orderBy == null ? "" : orderBy, 10))
        .isInstanceOf(InvalidArgumentException.class)
        .hasMessageContaining(reason);
  }
}
