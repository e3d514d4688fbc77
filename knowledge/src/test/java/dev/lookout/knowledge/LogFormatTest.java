package dev.lookout.knowledge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** logparser's format notation, read as its generate_logformat_regex reads it. */
class LogFormatTest {
  /**
   * logparser's published formats with a line of each system, its content and its time. The lines
   * are written here in each system's layout, not copied from the shared samples.
   */
  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '`',
      textBlock =
          """
          Linux | <Month> <Date> <Time> <Level> <Component>(\\[<PID>\\])?: <Content> \
            | Jun 14 15:16:01 combo sshd(pam_unix)[19939]: check pass; user unknown \
            | check pass; user unknown | 06-14T15:16:01
          Linux without pid | <Month> <Date> <Time> <Level> <Component>(\\[<PID>\\])?: <Content> \
            | Jul  1 09:01:05 combo syslogd 1.4.1: restart. | restart. | 07-01T09:01:05
          Thunderbird | <Label> <Timestamp> <Date> <User> <Month> <Day> <Time> <Location> <Component>(\\[<PID>\\])?: <Content> \
            | - 1131566461 2005.11.09 dn228 Nov 9 12:01:01 dn228/dn228 crond(pam_unix)[2915]: session closed for user root \
            | session closed for user root | 2005-11-09T20:01:01
          Mac | <Month>  <Date> <Time> <User> <Component>\\[<PID>\\]( \\(<Address>\\))?: <Content> \
            | Jul  1 09:00:55 calvisitor-10-105-160-95 kernel[0]: IOThunderboltSwitch<0>(0x0)::listenerCallback - Thunderbolt HPD packet for route \
            | IOThunderboltSwitch<0>(0x0)::listenerCallback - Thunderbolt HPD packet for route | 07-01T09:00:55
          Mac with address | <Month>  <Date> <Time> <User> <Component>\\[<PID>\\]( \\(<Address>\\))?: <Content> \
            | Jul  1 09:01:05 calvisitor-10-105-160-95 com.apple.CDScheduler[43]: Thermal pressure state: 1 Memory pressure state: 0 \
            | Thermal pressure state: 1 Memory pressure state: 0 | 07-01T09:01:05
          BGL | <Label> <Timestamp> <Date> <Node> <Time> <NodeRepeat> <Type> <Component> <Level> <Content> \
            | - 1117838570 2005.06.03 R02-M1-N0-C:J12-U11 2005-06-03-15.42.50.675872 R02-M1-N0-C:J12-U11 RAS KERNEL INFO instruction cache parity error corrected \
            | instruction cache parity error corrected | 2005-06-03T22:42:50
          HPC | <LogId> <Node> <Component> <State> <Time> <Flag> <Content> \
            | 134681 node-246 unix.hw state_change.unavailable 1077804742 1 Component State Change: Component "alt0" is in the unavailable state (HWID=1973) \
            | Component State Change: Component "alt0" is in the unavailable state (HWID=1973) | 2004-02-26T14:12:22
          Windows | <Date> <Time>, <Level>                  <Component>    <Content> \
            | 2016-09-28 04:30:30, Info                  CBS    Loaded Servicing Stack v6.1.7601.23505 \
            | Loaded Servicing Stack v6.1.7601.23505 | 2016-09-28T04:30:30
          Android | <Date> <Time>  <Pid>  <Tid> <Level> <Component>: <Content> \
            | 03-17 16:13:38.811  1702  2395 D WindowManager: printFreezingDisplayLogsopening app wtoken \
            | printFreezingDisplayLogsopening app wtoken | 03-17T16:13:38.811
          Proxifier | \\[<Time>\\] <Program> - <Content> \
            | [10.30 16:49:06] chrome.exe - proxy.cse.cuhk.edu.hk:5070 open through proxy proxy.cse.cuhk.edu.hk:5070 HTTPS \
            | proxy.cse.cuhk.edu.hk:5070 open through proxy proxy.cse.cuhk.edu.hk:5070 HTTPS | 10-30T16:49:06
          Zookeeper | <Date> <Time> - <Level>  \\[<Node>:<Component>@<Id>\\] - <Content> \
            | 2015-07-29 17:41:44,747 - INFO  [QuorumPeer[myid=1]/0:0:0:0:0:0:0:0:2181:FastLeaderElection@774] - Notification time out: 3200 \
            | Notification time out: 3200 | 2015-07-29T17:41:44.747
          HDFS | <Date> <Time> <Pid> <Level> <Component>: <Content> \
            | 081109 203615 148 INFO dfs.DataNode$PacketResponder: PacketResponder 1 for block blk_38865049064139660 terminating \
            | PacketResponder 1 for block blk_38865049064139660 terminating | 2008-11-09T20:36:15
          Spark | <Date> <Time> <Level> <Component>: <Content> \
            | 17/06/09 20:10:40 INFO executor.CoarseGrainedExecutorBackend: Registered signal handlers for [TERM, HUP, INT] \
            | Registered signal handlers for [TERM, HUP, INT] | 2017-06-09T20:10:40
          Apache | \\[<Time>\\] \\[<Level>\\] <Content> \
            | [Sun Dec 04 04:47:44 2005] [notice] workerEnv.init() ok /etc/httpd/conf/workers2.properties \
            | workerEnv.init() ok /etc/httpd/conf/workers2.properties | 2005-12-04T04:47:44
          OpenSSH | <Date> <Day> <Time> <Component> sshd\\[<Pid>\\]: <Content> \
            | Dec 10 06:55:46 LabSZ sshd[24200]: reverse mapping checking getaddrinfo for ns.marryaldkfaczcz.com [173.234.31.186] failed - POSSIBLE BREAK-IN ATTEMPT! \
            | reverse mapping checking getaddrinfo for ns.marryaldkfaczcz.com [173.234.31.186] failed - POSSIBLE BREAK-IN ATTEMPT! \
            | 12-10T06:55:46
          OpenStack | <Logrecord> <Date> <Time> <Pid> <Level> <Component> \\[<ADDR>\\] <Content> \
            | nova-api.log.1.2017-05-16_13:53:08 2017-05-16 00:00:00.008 25746 INFO nova.osapi_compute.wsgi.server [req-38101a0b-2096-447d-96ea-a692162415ae 113d3a99c3da401fbd62cc2caa5b96d2 54fadb412c4e40cdbaed9335e4c35a9e - - -] 10.11.10.1 "GET /v2/54fadb412c4e40cdbaed9335e4c35a9e/servers/detail HTTP/1.1" status: 200 len: 1893 time: 0.2477829 \
            | 10.11.10.1 "GET /v2/54fadb412c4e40cdbaed9335e4c35a9e/servers/detail HTTP/1.1" status: 200 len: 1893 time: 0.2477829 \
            | 2017-05-16T00:00:00.008
          Hadoop | <Date> <Time> <Level> \\[<Process>\\] <Component>: <Content> \
            | 2015-10-18 18:01:47,978 INFO [main] org.apache.hadoop.mapreduce.v2.app.MRAppMaster: Created MRAppMaster for application appattempt_1445144423722_0020_000001 \
            | Created MRAppMaster for application appattempt_1445144423722_0020_000001 | 2015-10-18T18:01:47.978
          """)
  void publishedFormats(String system, String format, String line, String content, String time) {
    LogFormat f = LogFormat.of(format.strip());
    Map<String, String> fields = f.parse(line.strip()).orElseThrow();

    assertThat(fields.get("Content")).isEqualTo(content.strip());
    String expected = time.strip();
    Instant read = new LogTimes(2026).read(fields).orElseThrow();
    Instant want = Instant.parse((expected.matches("\\d{4}-.*") ? "" : "2026-") + expected + "Z");
    assertThat(read).as(system).isEqualTo(want);
  }

  @Test
  @DisplayName(
      "HealthApp: fields split by escaped pipes, a time with its milliseconds after a colon")
  void healthApp() {
    LogFormat f = LogFormat.of("<Time>\\|<Component>\\|<Pid>\\|<Content>");
    Map<String, String> fields =
        f.parse("20171223-22:15:29:606|Step_LSC|30002312|onStandStepChanged 3579").orElseThrow();

    assertThat(fields).containsEntry("Content", "onStandStepChanged 3579");
    assertThat(new LogTimes(2026).read(fields)).contains(Instant.parse("2017-12-23T22:15:29.606Z"));
  }

  @Test
  @DisplayName("an optional group that took no part leaves its field empty, not missing")
  void optionalGroupEmpty() {
    LogFormat f = LogFormat.of("<Component>(\\[<PID>\\])?: <Content>");

    assertThat(f.parse("syslogd: restart").orElseThrow())
        .containsEntry("PID", "")
        .containsEntry("Component", "syslogd")
        .containsEntry("Content", "restart");
    assertThat(f.parse("sshd[42]: accepted").orElseThrow()).containsEntry("PID", "42");
  }

  @Test
  @DisplayName("field names logparser allows but Java's groups do not are read too")
  void anyFieldName() {
    LogFormat f = LogFormat.of("<Event_Id> <log-level> <Content>");

    assertThat(f.parse("7 WARN disk full").orElseThrow())
        .containsEntry("Event_Id", "7")
        .containsEntry("log-level", "WARN");
  }

  @Test
  @DisplayName("braces that open no quantifier are literal, as Python reads them")
  void literalBraces() {
    LogFormat f = LogFormat.of("{<Level>} <Content>");

    assertThat(f.parse("{INFO} started").orElseThrow()).containsEntry("Level", "INFO");
    assertThat(LogFormat.of("<Level>x{2} <Content>").parse("INFOxx up")).isPresent();
  }

  @Test
  @DisplayName("a bad format is refused in one line that says what is wrong")
  void badFormats() {
    assertThatThrownBy(() -> LogFormat.of("<Date> (<Level> <Content>"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("the format is not a valid pattern")
        .hasMessageNotContaining("\n");
    assertThatThrownBy(() -> LogFormat.of("<Date> <Level>")).hasMessageContaining("<Content>");
    assertThatThrownBy(() -> LogFormat.of("<Level> <Level> <Content>"))
        .hasMessageContaining("twice");
  }

  @Test
  @DisplayName("a line that does not match is no entry of its own, and nothing crashes")
  void nonMatching() {
    LogFormat f = LogFormat.of("<Date> <Time> <Level> <Component>: <Content>");

    assertThat(f.parse("\tat com.example.Foo.bar(Foo.java:42)")).isEmpty();
    assertThat(f.parse("")).isEmpty();
  }
}
