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

  @Test
  @DisplayName("templates --json prints one object per entry, stack traces kept in their entry")
  void templatesJson() throws Exception {
    Path file = dir.resolve("app.log");
    Files.writeString(file, LOG);
    String[] r =
        run(
            "templates",
            "--logs",
            file.toString(),
            "--format",
            "<Date> <Time> <Level> <Component>: <Content>",
            "--json");

    assertThat(r[0]).isEqualTo("0");
    ObjectMapper m = new ObjectMapper();
    java.util.List<JsonNode> rows = new java.util.ArrayList<>();
    for (String line : r[1].strip().split("\n")) {
      rows.add(m.readTree(line));
    }
    assertThat(rows).extracting(n -> n.get("line").asInt()).containsExactly(1, 2, 3, 6);
    assertThat(rows.get(0).get("template_id")).isEqualTo(rows.get(1).get("template_id"));
    assertThat(rows.get(0).get("template_id")).isEqualTo(rows.get(3).get("template_id"));
    assertThat(rows.get(2).get("template_id")).isNotEqualTo(rows.get(0).get("template_id"));
    assertThat(rows.get(0).get("template").asText()).isEqualTo("request handled in <*> ms");
    assertThat(r[1]).doesNotContain("Hunter2Secret");
  }

  @Test
  @DisplayName("templates without --json prints a table of templates with their counts")
  void templatesTable() throws Exception {
    Path file = dir.resolve("app.log");
    Files.writeString(file, LOG);
    String[] r =
        run(
            "templates",
            "--logs",
            file.toString(),
            "--format",
            "<Date> <Time> <Level> <Component>: <Content>");

    assertThat(r[0]).isEqualTo("0");
    assertThat(r[1]).contains("4 entries, 2 templates");
    assertThat(r[1]).containsPattern("\\s3\\s+request handled in <\\*> ms");
  }

  @Test
  @DisplayName("a format with an optional group reads lines with and without it")
  void optionalGroupFormat() throws Exception {
    Path file = dir.resolve("syslog");
    Files.writeString(
        file,
        """
        Jun 14 15:16:01 combo sshd(pam_unix)[19939]: authentication failure; rhost=10.0.0.9
        Jun 14 15:16:02 combo syslogd 1.4.1: restart.
        Jun 14 15:16:03 combo sshd(pam_unix)[19940]: authentication failure; rhost=10.0.0.8
        """);
    String[] r =
        run(
            "templates",
            "--logs",
            file.toString(),
            "--format",
            "<Month> <Date> <Time> <Level> <Component>(\\[<PID>\\])?: <Content>",
            "--json");

    assertThat(r[0]).isEqualTo("0");
    assertThat(r[2]).isEmpty();
    assertThat(r[1].strip().split("\n")).hasSize(3);
  }

  @Test
  @DisplayName("a bad format gets one clear line and the usage, never a stack trace")
  void badFormat() throws Exception {
    Path file = dir.resolve("app.log");
    Files.writeString(file, LOG);
    String[] r = run("templates", "--logs", file.toString(), "--format", "<Date> (<Content>");

    assertThat(r[0]).isEqualTo("2");
    assertThat(r[2].lines().findFirst().orElseThrow())
        .startsWith("lookout-knowledge: the format is not a valid pattern");
    assertThat(r[2]).doesNotContain("Exception").doesNotContain("\tat ");
  }

  @Test
  @DisplayName("a file whose times cannot be read is searched whole, and the answer says so")
  void noTimesWholeFile() throws Exception {
    Path file = dir.resolve("plain.log");
    Files.writeString(
        file,
        """
        node7 kernel: disk sda failed to respond
        node7 kernel: retrying disk sda
        node7 kernel: disk sda back online
        """);
    String[] r =
        run(
            "ask",
            "--logs",
            file.toString(),
            "--format",
            "<Node> <Component>: <Content>",
            "--lexical",
            "what happened to disk sda in the last 5 min?");

    assertThat(r[1]).startsWith("No time could be read from the file's lines");
    assertThat(r[1]).contains("disk sda failed to respond").contains("disk sda back online");
  }

  @Test
  @DisplayName(
      "header fields that name where a line came from are searchable; a short file's window reads in seconds")
  void origin() throws Exception {
    Path file = dir.resolve("tbird.log");
    Files.writeString(
        file,
        """
        - 1131566461 2005.11.09 dn228 Nov 9 12:01:01 dn228/dn228 crond(pam_unix)[2915]: session closed for user root
        - 1131566463 2005.11.09 tbird-admin1 Nov 9 12:01:03 local@tbird-admin1 postfix/postdrop[10896]: warning: unable to look up public/pickup: No such file or directory
        - 1131566464 2005.11.09 tbird-admin1 Nov 9 12:01:04 local@tbird-admin1 postfix/postdrop[10899]: warning: unable to look up public/pickup: No such file or directory
        """);
    String[] r =
        run(
            "ask",
            "--logs",
            file.toString(),
            "--format",
            "<Label> <Timestamp> <Date> <User> <Month> <Day> <Time> <Location> <Component>(\\[<PID>\\])?: <Content>",
            "--lexical",
            "postfix could not look up pickup");
    assertThat(r[0]).isEqualTo("0");
    assertThat(r[1])
        .doesNotContain("Not enough evidence")
        .contains("last 4 s of logs")
        .contains("line 3 ")
        .contains("line 2 ");
  }
}
