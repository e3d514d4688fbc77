package dev.lookout.demo;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lookout.simulator.discord.DiscordModel.Attachment;
import dev.lookout.simulator.discord.DiscordModel.Message;
import dev.lookout.simulator.discord.SimulatedDiscord;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Lets a person play a Discord member in the terminal: type slash commands as that member, see the
 * bot's messages drawn as text (charts saved to files), and click buttons by number.
 */
public final class TerminalChat {
  private static final Pattern OPTION = Pattern.compile("([a-z_]+):(\"[^\"]*\"|\\S+)");
  private static final Pattern SUBCOMMAND = Pattern.compile("[a-z][a-z_-]*(\\s|$)");

  private final SimulatedDiscord discord;
  private final Path chartDirectory;
  private final PrintStream out;
  private final List<Clickable> clickables = new ArrayList<>();
  private String user = "alice";
  private String channel = "ops";

  private record Clickable(long messageId, String customId, String label, List<String> options) {}

  public TerminalChat(SimulatedDiscord discord, Path chartDirectory, PrintStream out) {
    this.discord = discord;
    this.chartDirectory = chartDirectory;
    this.out = out;
    discord.onMessage(this::show);
  }

  /** Reads commands until end of input or {@code quit}. */
  public void run(BufferedReader in) throws IOException {
    out.println();
    out.println(
        "You are "
            + user
            + " in #"
            + channel
            + ". Try /status, /status service:consumer window:6h, /help.");
    out.println("Type 'help' for the terminal's own commands.");
    prompt();
    String line;
    while ((line = in.readLine()) != null) {
      line = line.strip();
      if (line.equals("quit") || line.equals("exit")) {
        return;
      }
      try {
        handle(line);
      } catch (IllegalArgumentException e) {
        out.println("  ! " + e.getMessage());
      }
      prompt();
    }
  }

  private void prompt() {
    out.print(user + "@#" + channel + "> ");
    out.flush();
  }

  private void handle(String line) {
    if (line.isEmpty()) {
      return;
    }
    if (line.startsWith("/")) {
      String[] head = line.substring(1).split("\\s+", 2);
      // Subcommands come before the options: /stress run kind:cpu, /silence list.
      while (head.length > 1 && SUBCOMMAND.matcher(head[1]).lookingAt()) {
        String[] rest = head[1].split("\\s+", 2);
        head =
            rest.length > 1
                ? new String[] {head[0] + " " + rest[0], rest[1]}
                : new String[] {head[0] + " " + rest[0]};
      }
      Map<String, Object> options = new LinkedHashMap<>();
      if (head.length > 1) {
        Matcher m = OPTION.matcher(head[1]);
        int consumed = 0;
        while (m.find()) {
          String v = m.group(2);
          options.put(
              m.group(1), mentions(v.startsWith("\"") ? v.substring(1, v.length() - 1) : v));
          consumed += m.group().length();
        }
        if (consumed < head[1].replace(" ", "").length() - countSpacesInQuotes(head[1])) {
          throw new IllegalArgumentException(
              "write options as name:value, e.g. service:consumer, and quote values with spaces:"
                  + " reason:\"evening peak\"");
        }
      }
      discord.command(user, channel, head[0], options, null);
      return;
    }
    String[] words = line.split("\\s+", 3);
    switch (words[0]) {
      case "as" -> {
        require(words, 2, "as <member>");
        discord.member(words[1]);
        user = words[1];
        out.println("  You are now " + user + ".");
      }
      case "channel" -> {
        require(words, 2, "channel <name>");
        discord.channel(words[1]);
        channel = words[1];
      }
      case "members" ->
          discord
              .members()
              .forEach(
                  m ->
                      out.println(
                          "  "
                              + m.user().username()
                              + (m.user().bot() ? " (bot)" : "")
                              + " roles: "
                              + discord.roles().stream()
                                  .filter(r -> m.roles().contains(r.id()))
                                  .map(r -> r.name())
                                  .toList()));
      case "click" -> {
        require(words, 2, "click <number> [value]");
        int n;
        try {
          n = Integer.parseInt(words[1]);
        } catch (NumberFormatException e) {
          throw new IllegalArgumentException(
              "click takes the number shown in brackets, e.g. click 1");
        }
        if (n < 1 || n > clickables.size()) {
          throw new IllegalArgumentException("there is no [" + n + "] on screen");
        }
        Clickable c = clickables.get(n - 1);
        List<String> values = List.of();
        if (!c.options().isEmpty()) {
          if (words.length < 3 || !c.options().contains(words[2])) {
            throw new IllegalArgumentException("pick one of: " + String.join(", ", c.options()));
          }
          values = List.of(words[2]);
        }
        discord.click(user, c.messageId(), c.customId(), values, null);
      }
      case "help" ->
          out.println(
              """
                /command name:value ...   run a slash command as the current member
                click N [value]           click button [N], or pick a value in menu [N]
                as NAME                   become another member (see 'members')
                channel NAME              switch channel
                quit                      stop Lookout and the simulator""");
      default -> throw new IllegalArgumentException("unknown input; type 'help'");
    }
  }

  private static final java.util.regex.Pattern AT_NAME =
      java.util.regex.Pattern.compile("@([A-Za-z0-9_.-]+)");

  /** {@code @alice} and {@code @operator} as Discord's client sends a picked mention. */
  private String mentions(String value) {
    Matcher m = AT_NAME.matcher(value);
    StringBuilder b = new StringBuilder();
    while (m.find()) {
      String name = m.group(1);
      String replacement =
          discord.members().stream()
              .filter(x -> x.user().username().equals(name))
              .map(x -> "<@" + x.user().id() + ">")
              .findFirst()
              .or(
                  () ->
                      discord.roles().stream()
                          .filter(r -> r.name().equals(name))
                          .map(r -> "<@&" + r.id() + ">")
                          .findFirst())
              .orElse(m.group());
      m.appendReplacement(b, Matcher.quoteReplacement(replacement));
    }
    m.appendTail(b);
    return b.toString();
  }

  private static final java.util.regex.Pattern MENTION =
      java.util.regex.Pattern.compile("<(@!?|@&|#)(\\d{1,20})>");

  /** Mentions as Discord's client draws them: @alice, @operator, #alerts. */
  private String named(String text) {
    Matcher m = MENTION.matcher(text);
    StringBuilder b = new StringBuilder();
    while (m.find()) {
      long id = Long.parseLong(m.group(2));
      String name =
          switch (m.group(1)) {
            case "@&" ->
                discord.roles().stream()
                    .filter(r -> r.id() == id)
                    .map(r -> "@" + r.name())
                    .findFirst()
                    .orElse(m.group());
            case "#" -> {
              try {
                yield "#" + discord.channel(Long.toString(id)).name();
              } catch (IllegalArgumentException e) {
                yield m.group();
              }
            }
            default ->
                discord.members().stream()
                    .filter(x -> x.user().id() == id)
                    .map(x -> "@" + x.user().username())
                    .findFirst()
                    .orElse(m.group());
          };
      m.appendReplacement(b, Matcher.quoteReplacement(name));
    }
    m.appendTail(b);
    return b.toString();
  }

  private static int countSpacesInQuotes(String s) {
    int count = 0;
    boolean quoted = false;
    for (char c : s.toCharArray()) {
      if (c == '"') {
        quoted = !quoted;
      } else if (c == ' ' && quoted) {
        count++;
      }
    }
    return count;
  }

  private static void require(String[] words, int n, String usage) {
    if (words.length < n) {
      throw new IllegalArgumentException("usage: " + usage);
    }
  }

  /** Whether a message was edited, not counting a deferred reply being filled in. */
  private static boolean edited(Message m) {
    List<com.fasterxml.jackson.databind.node.ObjectNode> history = m.history();
    int placeholders =
        !history.isEmpty() && history.get(0).path("_deferred").asBoolean(false) ? 1 : 0;
    return history.size() > placeholders;
  }

  private synchronized void show(Message m) {
    JsonNode body = m.body();
    if (body.path("_deferred").asBoolean(false)) {
      out.println();
      out.println("  … Lookout is thinking");
      return;
    }
    String where = discord.channel(Long.toString(m.channelId())).name();
    out.println();
    out.println(
        "── #"
            + where
            + " · Lookout"
            + (m.ephemeral() ? " (only you can see this)" : "")
            + (edited(m) ? " (edited)" : "")
            + " ──");
    if (!body.path("content").asText("").isEmpty()) {
      out.println("  " + named(body.path("content").asText()).replace("\n", "\n  "));
    }
    for (JsonNode e : body.path("embeds")) {
      if (e.has("title")) {
        out.println("  " + e.path("title").asText());
      }
      if (e.has("description")) {
        out.println("  " + named(e.path("description").asText()).replace("\n", "\n  "));
      }
      for (JsonNode f : e.path("fields")) {
        String value = f.path("value").asText();
        if (value.contains("```")) {
          // A table in a code block keeps its lines, or its columns mean nothing.
          out.println("  " + f.path("name").asText() + ":");
          for (String row : value.replace("```", "").split("\n")) {
            if (!row.isBlank()) {
              out.println("    " + row);
            }
          }
        } else {
          out.println("  " + f.path("name").asText() + ": " + named(value).replace("\n", " · "));
        }
      }
      if (e.has("footer")) {
        out.println("  " + e.path("footer").path("text").asText());
      }
    }
    for (Attachment a : m.attachments()) {
      try {
        Files.createDirectories(chartDirectory);
        Path file = chartDirectory.resolve(m.id() + "-" + a.filename());
        Files.write(file, a.data());
        out.println("  [chart: " + file + "]");
      } catch (IOException e) {
        out.println("  [chart " + a.filename() + " could not be saved: " + e.getMessage() + "]");
      }
    }
    for (JsonNode row : body.path("components")) {
      for (JsonNode c : row.path("components")) {
        List<String> options = new ArrayList<>();
        c.path("options").forEach(o -> options.add(o.path("value").asText()));
        String label =
            c.path("type").asInt() == 2
                ? c.path("label").asText()
                : c.path("placeholder").asText("menu");
        clickables.add(new Clickable(m.id(), c.path("custom_id").asText(), label, options));
        out.println(
            "  ["
                + clickables.size()
                + "] "
                + label
                + (options.isEmpty()
                    ? ""
                    : " — click " + clickables.size() + " <" + String.join("|", options) + ">"));
      }
    }
    prompt();
  }
}
