package dev.lookout.knowledge;

import java.util.List;
import java.util.Map;

/**
 * The words operators ask with and the words logs answer with are often different: people ask why a
 * service "restarted", its logs say "terminated on signal 9" and "memory limit exceeded". A small,
 * general vocabulary of operations concepts bridges them; a related word counts for half of the
 * word asked for. Nothing here is about one particular system.
 */
final class Concepts {
  private static final Map<String, List<String>> RELATED =
      Map.ofEntries(
          Map.entry(
              "restart",
              List.of(
                  "restarted",
                  "restarting",
                  "terminated",
                  "signal",
                  "killed",
                  "exited",
                  "exit",
                  "oom",
                  "starting",
                  "started",
                  "shutdown",
                  "crash",
                  "sigkill",
                  "sigterm")),
          Map.entry(
              "restarted",
              List.of("restart", "terminated", "signal", "killed", "exited", "starting")),
          Map.entry(
              "restarts",
              List.of("restart", "terminated", "signal", "killed", "exited", "starting")),
          Map.entry("killed", List.of("terminated", "signal", "oom", "memory", "sigkill", "kill")),
          Map.entry(
              "failed",
              List.of(
                  "failure",
                  "fail",
                  "error",
                  "exception",
                  "timed",
                  "refused",
                  "unable",
                  "cannot",
                  "denied",
                  "invalid")),
          Map.entry(
              "fail",
              List.of("failed", "failure", "error", "exception", "timed", "refused", "unable")),
          Map.entry("failure", List.of("failed", "fail", "error", "exception", "timed", "refused")),
          Map.entry("died", List.of("terminated", "signal", "killed", "exited", "crash")),
          Map.entry("down", List.of("terminated", "unavailable", "refused", "exited", "unhealthy")),
          Map.entry(
              "crash",
              List.of(
                  "crashed",
                  "exception",
                  "traceback",
                  "exited",
                  "unhandled",
                  "terminated",
                  "fatal",
                  "panic")),
          Map.entry(
              "crashed",
              List.of("crash", "exception", "traceback", "exited", "unhandled", "terminated")),
          Map.entry("oom", List.of("memory", "exceeded", "killed", "outofmemoryerror", "heap")),
          Map.entry("memory", List.of("oom", "heap", "exceeded", "mib", "gib", "outofmemoryerror")),
          Map.entry(
              "slow",
              List.of("latency", "took", "timeout", "timed", "slow", "delay", "backlog", "wait")),
          Map.entry("latency", List.of("slow", "took", "timeout", "timed")),
          Map.entry(
              "timeout",
              List.of("timed", "deadline", "timeouts", "exceeded", "sockettimeoutexception")),
          Map.entry("timeouts", List.of("timeout", "timed", "deadline")),
          Map.entry("hang", List.of("timeout", "timed", "stuck", "blocked", "deadlock")),
          Map.entry("queue", List.of("backlog", "queued", "rejected", "full", "depth", "429")),
          Map.entry("backlog", List.of("queue", "depth", "pending")),
          Map.entry(
              "overloaded", List.of("queue", "rejected", "full", "backlog", "429", "throttled")),
          Map.entry("rejected", List.of("429", "refused", "denied", "full")),
          Map.entry(
              "upstream",
              List.of("timed", "timeout", "refused", "unavailable", "502", "503", "504")),
          Map.entry("dependency", List.of("upstream", "timed", "refused", "unavailable")),
          Map.entry("deploy", List.of("revision", "starting", "started", "rollout", "version")),
          Map.entry("deployed", List.of("revision", "starting", "started", "rollout")),
          Map.entry("startup", List.of("starting", "started", "listening", "boot", "initialized")),
          Map.entry("start", List.of("starting", "started", "listening", "boot")),
          Map.entry(
              "login",
              List.of("authentication", "auth", "password", "session", "accepted", "failed")),
          Map.entry(
              "auth", List.of("authentication", "unauthorized", "401", "403", "denied", "token")),
          Map.entry("disk", List.of("space", "storage", "volume", "full", "quota")),
          Map.entry(
              "connection",
              List.of("connect", "connected", "refused", "reset", "closed", "socket")),
          Map.entry(
              "network", List.of("connection", "socket", "unreachable", "refused", "reset", "dns")),
          Map.entry("missing", List.of("not", "absent", "lost", "unknown", "no", "without")),
          Map.entry(
              "request",
              List.of("http", "https", "get", "post", "put", "delete", "patch", "status")),
          Map.entry("api", List.of("http", "https", "rest", "endpoint", "v1", "v2", "v3")),
          Map.entry("url", List.of("http", "https", "uri", "path", "endpoint", "route")),
          Map.entry("endpoint", List.of("url", "http", "https", "path", "route", "uri")),
          Map.entry("database", List.of("db", "sql", "postgres", "mysql", "connection", "query")),
          Map.entry("db", List.of("database", "sql", "postgres", "connection", "query")));

  private Concepts() {}

  /** The same, with keys and words stemmed as the index stems them. */
  private static final Map<String, List<String>> STEMMED = stemmed();

  private static Map<String, List<String>> stemmed() {
    Map<String, List<String>> out = new java.util.HashMap<>();
    RELATED.forEach(
        (k, v) ->
            out.merge(
                Terms.stem(k),
                v.stream().map(Terms::stem).distinct().toList(),
                (a, b) ->
                    java.util.stream.Stream.concat(a.stream(), b.stream()).distinct().toList()));
    return Map.copyOf(out);
  }

  /** Words related to a (stemmed) term, stemmed. */
  static List<String> related(String term) {
    return STEMMED.getOrDefault(term, List.of());
  }
}
