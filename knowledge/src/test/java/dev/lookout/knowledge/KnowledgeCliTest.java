package dev.lookout.knowledge;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line on a small log file with a stack trace and a leaked secret. */
class KnowledgeCliTest {
  @TempDir Path dir;

  private static final String LOG =
      """
      2026-11-22 10:30:01,120 INFO Worker: request handled in 812 ms
      2026-11-22 10:30:02,004 INFO Worker: request handled in 790 ms
      2026-11-22 10:31:05,311 ERROR Db: connection to postgres://app:Hunter2Secret@10.0.0.3:5432/app failed
      java.net.ConnectException: Connection refused
      \tat java.base/sun.nio.ch.Net.connect0(Native Method)
      2026-11-22 10:31:06,001 INFO Worker: request handled in 801 ms
      """;

  private String[] run(String... args) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code =
        KnowledgeCli.run(
            args,
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));
    return new String[] {
      Integer.toString(code),
      out.toString(StandardCharsets.UTF_8),
      err.toString(StandardCharsets.UTF_8)
    };
  }

  @Test
  @DisplayName("ask prints the answer and the cited lines with their line numbers, redacted")
  void text() throws Exception {
    Path file = dir.resolve("app.log");
    Files.writeString(file, LOG);
    String[] r =
        run(
            "ask",
            "--logs",
            file.toString(),
            "--format",
            "<Date> <Time> <Level> <Component>: <Content>",
            "--lexical",
            "why did the postgres connection fail?");
    assertThat(r[0]).isEqualTo("0");
    assertThat(r[1])
        .contains("line 3 [ERROR] connection to postgres://app:[REDACTED:url_password]@10.0.0.3")
        .contains("java.net.ConnectException: Connection refused")
        .contains("1 secret(s) were redacted")
        .doesNotContain("Hunter2Secret");
  }

  @Test
  @DisplayName("--json, not enough evidence as exit code 1, and bad arguments as exit code 2")
  void jsonAndErrors() throws Exception {
    Path file = dir.resolve("app.log");
    Files.writeString(file, LOG);
    String[] r =
        run(
            "ask",
            "--logs",
            file.toString(),
            "--format",
            "<Date> <Time> <Level> <Component>: <Content>",
            "--lexical",
            "--json",
            "kafka broker rebalancing");
    assertThat(r[0]).isEqualTo("1");
    JsonNode json = new ObjectMapper().readTree(r[1]);
    assertThat(json.path("enough_evidence").asBoolean()).isFalse();
    assertThat(json.path("redactions").path("url_password").asInt()).isEqualTo(1);

    assertThat(run("ask", "question")[0]).isEqualTo("2");
    String[] badFormat = run("ask", "--logs", file.toString(), "--format", "<Date> <Time>", "q");
    assertThat(badFormat[0]).isEqualTo("2");
    assertThat(badFormat[2]).contains("needs a <Content> field");
    assertThat(run("ask", "--logs", dir.resolve("missing.log").toString(), "q")[2])
        .contains("cannot read");
  }
}
