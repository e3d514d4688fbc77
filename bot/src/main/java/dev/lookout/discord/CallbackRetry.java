package dev.lookout.discord;

import java.io.IOException;
import java.net.ConnectException;
import java.time.Duration;
import java.util.regex.Pattern;
import okhttp3.Interceptor;
import okhttp3.Request;
import okhttp3.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Retries an interaction callback (the bot's first answer to a command or a click) that Discord
 * answered with a 5xx, or that could not connect, while its 3 s window is still open. JDA retries
 * other routes itself but not this one, so a single 5xx left the member without any answer.
 *
 * <p>A 5xx means Discord did not take the callback, so repeating it cannot answer twice; if it had
 * taken it after all, Discord refuses the repeat ("already acknowledged") and that refusal is what
 * JDA sees.
 */
final class CallbackRetry implements Interceptor {
  private static final Logger LOG = LoggerFactory.getLogger(CallbackRetry.class);
  private static final Pattern CALLBACK = Pattern.compile(".*/interactions/\\d+/[^/]+/callback");

  /** Discord allows 3 s from the interaction; some of it was spent before the first try. */
  private static final Duration WINDOW = Duration.ofMillis(2_000);

  private static final long[] PAUSES_MS = {50, 150, 300, 500};

  @Override
  public Response intercept(Chain chain) throws IOException {
    Request request = chain.request();
    if (!request.method().equals("POST")
        || !CALLBACK.matcher(request.url().encodedPath()).matches()) {
      return chain.proceed(request);
    }
    long deadline = System.nanoTime() + WINDOW.toNanos();
    for (int attempt = 0; ; attempt++) {
      boolean last = attempt == PAUSES_MS.length;
      try {
        Response response = chain.proceed(request);
        if (response.code() < 500 || last || !timeLeft(deadline, attempt)) {
          return response;
        }
        LOG.warn("Discord answered {} to an interaction callback; trying again", response.code());
        response.close();
      } catch (ConnectException e) {
        if (last || !timeLeft(deadline, attempt)) {
          throw e;
        }
        LOG.warn(
            "could not reach Discord for an interaction callback ({}); trying again", e.toString());
      }
      pause(PAUSES_MS[attempt]);
    }
  }

  private static boolean timeLeft(long deadline, int attempt) {
    return System.nanoTime() + PAUSES_MS[attempt] * 1_000_000 < deadline;
  }

  private static void pause(long millis) throws IOException {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new java.io.InterruptedIOException("interrupted while retrying a callback");
    }
  }
}
