package dev.lookout.knowledge;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Which header fields say where a line came from. */
class LogFileTest {
  @Test
  @DisplayName("components, nodes and programs are places; times, levels, numbers and ids are not")
  void origin() {
    Map<String, String> fields = new LinkedHashMap<>();
    fields.put("Month", "Nov");
    fields.put("Date", "2005.11.09");
    fields.put("Time", "12:01:01");
    fields.put("Level", "INFO");
    fields.put("Node", "R02-M1-N0-C:J12-U11");
    fields.put("Component", "postfix/postdrop");
    fields.put("Pid", "10896");
    fields.put("ADDR", "req-3d6d2f1e 113d3a99c3da401fbd62cc2caa5b96d2 - - -");
    fields.put("Trace", "a64f992de9231d77");
    fields.put("Content", "warning: unable to look up public/pickup");
    assertThat(LogFile.origin(fields)).isEqualTo("R02-M1-N0-C:J12-U11 postfix/postdrop");
  }
}
