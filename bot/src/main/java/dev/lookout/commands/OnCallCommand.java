package dev.lookout.commands;

import dev.lookout.alerts.OnCallSchedule;
import dev.lookout.discord.OnCallCards;
import dev.lookout.discord.SlashCommand;
import dev.lookout.reports.Days;
import dev.lookout.reports.TimesOfDay;
import dev.lookout.reports.Zones;
import dev.lookout.store.OnCallStore;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import net.dv8tion.jda.api.events.interaction.command.SlashCommandInteractionEvent;
import net.dv8tion.jda.api.interactions.commands.OptionMapping;
import net.dv8tion.jda.api.interactions.commands.OptionType;
import net.dv8tion.jda.api.interactions.commands.build.Commands;
import net.dv8tion.jda.api.interactions.commands.build.OptionData;
import net.dv8tion.jda.api.interactions.commands.build.SlashCommandData;
import net.dv8tion.jda.api.interactions.commands.build.SubcommandData;

/**
 * {@code /oncall}: on-call schedules of people in rotation, with overrides. {@code who} and {@code
 * schedule} are for everyone; {@code create}, {@code override}, {@code cancel} and {@code delete}
 * need the operator role. People are named by mention, in the order they take shifts.
 */
public final class OnCallCommand implements SlashCommand {
  static final int MAX_MEMBERS = 12;
  private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9-]{0,31}");
  private static final Pattern USER = Pattern.compile("<@!?(\\d{15,21})>|(\\d{15,21})");
  private static final Pattern ROLE = Pattern.compile("<@&(\\d{15,21})>|(\\d{15,21})");
  private static final Duration MAX_OVERRIDE = Duration.ofDays(92);

  private final OnCallStore schedules;
  private final String operatorRole;
  private final Clock clock;

  public OnCallCommand(OnCallStore schedules, String operatorRole, Clock clock) {
    this.schedules = schedules;
    this.operatorRole = operatorRole;
    this.clock = clock;
  }

  @Override
  public SlashCommandData definition() {
    OptionData name =
        new OptionData(OptionType.STRING, "name", "The schedule, such as primary", true)
            .setMaxLength(32);
    return Commands.slash("oncall", "Who is on call, and the rotation")
        .addSubcommands(
            new SubcommandData("who", "Who is on call now")
                .addOptions(
                    new OptionData(OptionType.STRING, "name", "One schedule (default: all)", false)
                        .setMaxLength(32)),
            new SubcommandData("schedule", "The shifts ahead")
                .addOptions(
                    name,
                    new OptionData(OptionType.INTEGER, "days", "How far ahead (default 7)", false)
                        .setMinValue(1)
                        .setMaxValue(28)),
            new SubcommandData("create", "A rotation of people on call (operators)")
                .addOptions(
                    name,
                    new OptionData(OptionType.STRING, "rotation", "Shift length", true)
                        .addChoice("daily", "daily")
                        .addChoice("weekly", "weekly"),
                    new OptionData(OptionType.STRING, "handoff", "Handoff time, as 09:00", true)
                        .setMaxLength(5),
                    new OptionData(
                            OptionType.STRING, "timezone", "Time zone, such as Europe/Berlin", true)
                        .setMaxLength(64),
                    new OptionData(
                            OptionType.STRING,
                            "people",
                            "People in rotation order, as @mentions",
                            true)
                        .setMaxLength(400),
                    new OptionData(OptionType.STRING, "day", "Handoff day of weekly shifts", false)
                        .addChoice("monday", "MONDAY")
                        .addChoice("tuesday", "TUESDAY")
                        .addChoice("wednesday", "WEDNESDAY")
                        .addChoice("thursday", "THURSDAY")
                        .addChoice("friday", "FRIDAY")
                        .addChoice("saturday", "SATURDAY")
                        .addChoice("sunday", "SUNDAY"),
                    new OptionData(
                            OptionType.STRING,
                            "role",
                            "The team's role, mentioned if the person on call does not answer",
                            false)
                        .setMaxLength(30)),
            new SubcommandData("override", "Someone covers for a span (operators)")
                .addOptions(
                    name,
                    new OptionData(OptionType.STRING, "person", "Who covers, as an @mention", true)
                        .setMaxLength(30),
                    new OptionData(
                            OptionType.STRING,
                            "from",
                            "A day (tuesday, 2026-12-08) and optional time; a day alone starts at"
                                + " the handoff",
                            true)
                        .setMaxLength(40),
                    new OptionData(
                            OptionType.STRING,
                            "to",
                            "Last day covered, or an end time (default: one shift)",
                            false)
                        .setMaxLength(40)),
            new SubcommandData("cancel", "Cancel an override (operators)")
                .addOptions(
                    name,
                    new OptionData(OptionType.INTEGER, "override", "The override's number", true)
                        .setMinValue(1)),
            new SubcommandData("delete", "Delete a schedule and its overrides (operators)")
                .addOptions(name));
  }

  @Override
  public String help() {
    return "`/oncall who`, `/oncall schedule name:`, and for operators `/oncall create`, `/oncall"
        + " override name: person: from: [to:]` (\"I cover tuesday\"), `/oncall cancel`, `/oncall"
        + " delete` — on-call rotations; handoffs are announced in the channel where a schedule"
        + " was created.";
  }

  @Override
  public void handle(SlashCommandInteractionEvent event) {
    String sub = event.getSubcommandName() == null ? "" : event.getSubcommandName();
    String guild = event.getGuild() == null ? "" : event.getGuild().getId();
    Instant now = clock.instant();
    if (!sub.equals("who")
        && !sub.equals("schedule")
        && !Permissions.mayManageAlerts(event.getMember(), operatorRole)) {
      refuse(event, Permissions.refusal(operatorRole));
      return;
    }
    try {
      switch (sub) {
        case "who" -> who(event, guild, now);
        case "schedule" -> {
          long days = NumberOption.whole(event, "days", 1, 28).orElse(7L);
          OnCallSchedule s = existing(guild, option(event, "name"));
          event
              .reply(OnCallCards.schedule(s, now, Duration.ofDays(days)))
              .setEphemeral(true)
              .queue();
        }
        case "create" -> create(event, guild, now);
        case "override" -> override(event, guild, now);
        case "cancel" -> {
          long id =
              NumberOption.whole(event, "override", 1, Long.MAX_VALUE)
                  .orElseThrow(() -> new Refusal("override is required. Nothing was changed."));
          OnCallSchedule s = existing(guild, option(event, "name"));
          if (!schedules.cancelOverride(s, id, event.getUser().getName(), now)) {
            throw new Refusal(
                "**"
                    + s.name()
                    + "** has no override #"
                    + id
                    + " in force or ahead. Nothing was"
                    + " changed.");
          }
          event
              .reply(
                  "Override #"
                      + id
                      + " of **"
                      + s.name()
                      + "** cancelled. "
                      + OnCallCards.who(schedules.find(guild, s.name()).orElseThrow(), now))
              .queue();
        }
        case "delete" -> {
          String n = name(option(event, "name"));
          if (!schedules.delete(guild, n, event.getUser().getName(), now)) {
            throw new Refusal(missing(n));
          }
          event.reply("🗑️ Schedule **" + n + "** and its overrides deleted.").queue();
        }
        default -> throw new Refusal("Unknown subcommand. Nothing was changed.");
      }
    } catch (Refusal e) {
      refuse(event, e.getMessage());
    } catch (OnCallStore.Taken e) {
      refuse(event, "A schedule of that name exists already. Nothing was changed.");
    }
  }

  private void who(SlashCommandInteractionEvent event, String guild, Instant now) {
    String n = event.getOption("name", null, OptionMapping::getAsString);
    List<OnCallSchedule> all = n == null ? schedules.ofGuild(guild) : List.of(existing(guild, n));
    if (all.isEmpty()) {
      throw new Refusal("No on-call schedule yet. An operator can make one with `/oncall create`.");
    }
    StringBuilder b = new StringBuilder();
    for (OnCallSchedule s : all) {
      String line = OnCallCards.who(s, now) + "\n";
      if (b.length() + line.length() > 1_900) {
        b.append("… and more; name one schedule to see it.");
        break;
      }
      b.append(line);
    }
    event.reply(b.toString().strip()).setEphemeral(true).queue();
  }

  private void create(SlashCommandInteractionEvent event, String guild, Instant now) {
    String n = name(option(event, "name"));
    OnCallSchedule.Rotation rotation =
        switch (option(event, "rotation")) {
          case "daily" -> OnCallSchedule.Rotation.DAILY;
          case "weekly" -> OnCallSchedule.Rotation.WEEKLY;
          default -> throw new Refusal("rotation must be daily or weekly. Nothing was changed.");
        };
    LocalTime handoff;
    try {
      handoff = TimesOfDay.parse(option(event, "handoff"));
    } catch (IllegalArgumentException e) {
      throw new Refusal(e.getMessage() + ". Nothing was changed.");
    }
    String tz = option(event, "timezone");
    ZoneId zone = Zones.parse(tz).orElseThrow(() -> new Refusal(Zones.refusal(tz)));
    DayOfWeek day;
    try {
      day = DayOfWeek.valueOf(event.getOption("day", "MONDAY", OptionMapping::getAsString));
    } catch (IllegalArgumentException e) {
      throw new Refusal("day must be a day of the week. Nothing was changed.");
    }
    List<String> people = people(option(event, "people"), event.getJDA().getSelfUser().getId());
    Optional<String> role =
        Optional.ofNullable(event.getOption("role", null, OptionMapping::getAsString))
            .map(OnCallCommand::role);
    // The first person takes the shift running now: it began at the last handoff.
    java.time.LocalDateTime local = java.time.LocalDateTime.ofInstant(now, zone);
    LocalDate today =
        local.toLocalTime().isBefore(handoff)
            ? local.toLocalDate().minusDays(1)
            : local.toLocalDate();
    OnCallSchedule s =
        schedules.create(
            new OnCallSchedule(
                0,
                guild,
                n,
                rotation,
                handoff,
                day,
                zone,
                today,
                people,
                role,
                event.getChannel().getId(),
                List.of()),
            event.getUser().getName(),
            now);
    event
        .reply(
            "✅ Schedule created. "
                + OnCallCards.who(s, now)
                + " Handoffs are announced in this channel.")
        .queue();
  }

  private void override(SlashCommandInteractionEvent event, String guild, Instant now) {
    OnCallSchedule s = existing(guild, option(event, "name"));
    String person = person(option(event, "person"), event.getJDA().getSelfUser().getId());
    LocalDate today = LocalDate.ofInstant(now, s.zone());
    Days.When from;
    Optional<Days.When> to;
    try {
      from = Days.parse(option(event, "from"), today);
      String toText = event.getOption("to", null, OptionMapping::getAsString);
      to = toText == null ? Optional.empty() : Optional.of(Days.parse(toText, today));
    } catch (IllegalArgumentException e) {
      throw new Refusal(e.getMessage() + ". Nothing was changed.");
    }
    Instant start = instant(from.day(), from.time().orElse(s.handoff()), s.zone());
    Instant end =
        to.map(
                w ->
                    w.time().isPresent()
                        ? instant(w.day(), w.time().get(), s.zone())
                        // A last day covered ends at the next day's handoff.
                        : instant(w.day().plusDays(1), s.handoff(), s.zone()))
            .orElseGet(
                () ->
                    from.time().isPresent()
                        ? start.plus(Duration.ofDays(1))
                        : instant(
                            from.day()
                                .plusDays(s.rotation() == OnCallSchedule.Rotation.DAILY ? 1 : 7),
                            s.handoff(),
                            s.zone()));
    if (!end.isAfter(start)) {
      throw new Refusal(
          "The override would end ("
              + OnCallCards.at(end, s.zone())
              + ") before it starts ("
              + OnCallCards.at(start, s.zone())
              + "). Nothing was changed.");
    }
    if (!end.isAfter(now)) {
      throw new Refusal(
          "That span is over already (it ended "
              + OnCallCards.at(end, s.zone())
              + "). Nothing was changed.");
    }
    if (Duration.between(start, end).compareTo(MAX_OVERRIDE) > 0) {
      throw new Refusal(
          "An override may last at most 92 days; change the rotation instead. Nothing was"
              + " changed.");
    }
    OnCallSchedule.Override o =
        schedules.override(s, person, start, end, event.getUser().getName(), now);
    event
        .reply(
            "✅ Override #"
                + o.id()
                + " on **"
                + s.name()
                + "**: "
                + OnCallCards.mention(person)
                + " is on call from "
                + OnCallCards.at(start, s.zone())
                + " until "
                + OnCallCards.at(end, s.zone())
                + ".")
        .queue();
  }

  private static Instant instant(LocalDate day, LocalTime time, ZoneId zone) {
    return ZonedDateTime.of(day, time, zone).toInstant();
  }

  private OnCallSchedule existing(String guild, String raw) {
    String n = name(raw);
    return schedules.find(guild, n).orElseThrow(() -> new Refusal(missing(n)));
  }

  private static String missing(String n) {
    return "There is no schedule named **"
        + n
        + "**; `/oncall who` lists them. Nothing was changed.";
  }

  private static String option(SlashCommandInteractionEvent event, String name) {
    String v = event.getOption(name, null, OptionMapping::getAsString);
    if (v == null || v.isBlank()) {
      throw new Refusal(name + " is required. Nothing was changed.");
    }
    return v;
  }

  /** A schedule name: lowercase letters, digits and dashes, as it would appear in a mention. */
  static String name(String raw) {
    String n = raw.strip().toLowerCase(Locale.ROOT);
    if (!NAME.matcher(n).matches()) {
      throw new Refusal(
          "A schedule name is 1-32 lowercase letters, digits and dashes, such as `primary` or"
              + " `db-team`. Nothing was changed.");
    }
    return n;
  }

  /** People named by mention (or id), in order, each once, and not the bot. */
  static List<String> people(String text, String selfId) {
    Set<String> ids = new LinkedHashSet<>();
    Matcher m = USER.matcher(text);
    int end = 0;
    StringBuilder rest = new StringBuilder();
    while (m.find()) {
      rest.append(text, end, m.start());
      end = m.end();
      ids.add(m.group(1) != null ? m.group(1) : m.group(2));
    }
    rest.append(text.substring(end));
    if (!rest.toString().replace(",", " ").isBlank()) {
      throw new Refusal(
          "people must be @mentions of members (or their ids), separated by spaces; "
              + dev.lookout.knowledge.Inputs.echo(rest.toString().strip())
              + " is neither. Nothing was changed.");
    }
    if (ids.isEmpty()) {
      throw new Refusal("Name at least one person, as an @mention. Nothing was changed.");
    }
    if (ids.size() > MAX_MEMBERS) {
      throw new Refusal("A rotation has at most " + MAX_MEMBERS + " people. Nothing was changed.");
    }
    if (ids.contains(selfId)) {
      throw new Refusal("Lookout cannot be on call. Nothing was changed.");
    }
    return new ArrayList<>(ids);
  }

  static String person(String text, String selfId) {
    List<String> one = people(text, selfId);
    if (one.size() != 1) {
      throw new Refusal("Name one person, as an @mention. Nothing was changed.");
    }
    return one.get(0);
  }

  static String role(String text) {
    Matcher m = ROLE.matcher(text.strip());
    if (!m.matches()) {
      throw new Refusal("role must be a role's @mention (or its id). Nothing was changed.");
    }
    return m.group(1) != null ? m.group(1) : m.group(2);
  }

  private static void refuse(SlashCommandInteractionEvent event, String why) {
    event.reply(why).setEphemeral(true).queue();
  }

  /** A member's mistake, answered privately; nothing was changed. */
  static final class Refusal extends RuntimeException {
    Refusal(String message) {
      super(message, null, false, false);
    }
  }
}
