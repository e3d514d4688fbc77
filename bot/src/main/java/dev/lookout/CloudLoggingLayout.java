package dev.lookout;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.LayoutBase;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One JSON object per line with the fields Cloud Logging reads from a container's output ({@code
 * severity}, {@code message}, {@code time}), for {@code LOG_FORMAT=json}.
 */
public final class CloudLoggingLayout extends LayoutBase<ILoggingEvent> {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Override
  public String doLayout(ILoggingEvent event) {
    Map<String, Object> entry = new LinkedHashMap<>();
    entry.put(
        "severity",
        switch (event.getLevel().toString()) {
          case "WARN" -> "WARNING";
          case "TRACE" -> "DEBUG";
          default -> event.getLevel().toString();
        });
    String message = event.getFormattedMessage();
    IThrowableProxy thrown = event.getThrowableProxy();
    if (thrown != null) {
      message += "\n" + ThrowableProxyUtil.asString(thrown);
    }
    entry.put("message", message);
    entry.put("time", Instant.ofEpochMilli(event.getTimeStamp()).toString());
    entry.put("logger", event.getLoggerName());
    entry.put("thread", event.getThreadName());
    try {
      return JSON.writeValueAsString(entry) + "\n";
    } catch (JsonProcessingException e) {
      return "{\"severity\":\"ERROR\",\"message\":\"unloggable event\"}\n";
    }
  }
}
