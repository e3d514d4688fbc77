package dev.lookout.knowledge;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** Puts evidence in words: the answer's summary, its findings per template, and its citations. */
final class AnswerComposer {
  private static final DateTimeFormatter HM =
      DateTimeFormatter.ofPattern("HH:mm 'UTC'").withZone(ZoneOffset.UTC);

  private final LogLines lines;
  private final TemplateMiner miner;
  private final Retriever retriever;

  AnswerComposer(LogLines lines, TemplateMiner miner, Retriever retriever) {
    this.lines = lines;
    this.miner = miner;
    this.retriever = retriever;
  }

  Answer answer(Question q, Evidence evidence) {
    Scope sc = evidence.scope();
    String scopeText = scopeText(q, lines.newestMillis());
    String searched = " (" + String.format(Locale.ROOT, "%,d", sc.lines) + " entries searched)";
    return switch (evidence) {
      case Evidence.NothingStored n ->
          refusal(q, 0, scopeText, "Not enough evidence: no " + scopeText + " are stored.");
      case Evidence.Unmentioned u ->
          refusal(
              q,
              sc.lines,
              scopeText,
              "Not enough evidence in the "
                  + scopeText
                  + searched
                  + ": nothing there mentions `"
                  + u.term()
                  + "`.");
      case Evidence.Partial p when p.closest().isEmpty() ->
          refusal(
              q,
              sc.lines,
              scopeText,
              "Not enough evidence in the "
                  + scopeText
                  + searched
                  + ": nothing there is about "
                  + named(p.missing())
                  + ".");
      case Evidence.Partial p -> {
        Answer closest = compose(q, sc, p.closest(), scopeText);
        yield new Answer(
            "Not enough evidence in the "
                + scopeText
                + searched
                + ": nothing there is about "
                + named(p.missing())
                + "; the closest lines are below.",
            false,
            closest.findings(),
            closest.citations(),
            sc.lines,
            scopeText,
            q.from(),
            q.to());
      }
      case Evidence.NoMatch m ->
          refusal(
              q,
              sc.lines,
              scopeText,
              "Not enough evidence in the "
                  + scopeText
                  + searched
                  + ": nothing there matches the question.");
      case Evidence.Overview o when o.trouble().isEmpty() ->
          new Answer(
              "No warnings or errors in the " + scopeText + searched + ".",
              true,
              List.of(),
              List.of(),
              sc.lines,
              scopeText,
              q.from(),
              q.to());
      case Evidence.Overview o -> compose(q, sc, o.trouble(), scopeText);
      case Evidence.Found f -> compose(q, sc, f.cited(), scopeText);
      case Evidence.Diagnosis d -> diagnose(q, sc, d.chain(), scopeText);
    };
  }

  /** The failure chain in words: what most likely fails, what followed it, what else is loud. */
  private Answer diagnose(Question q, Scope sc, FailureChain.Chain chain, String scopeText) {
    Answer found = compose(q, sc, chain.cited(), scopeText);
    FailureChain.Link lead = chain.links().get(0);
    StringBuilder b = new StringBuilder("Most likely cause: \"");
    b.append(shortTemplate(miner.cluster(lead.template()).template()))
        .append("\" ")
        .append(lead.count())
        .append(lead.count() == 1 ? " time" : " times");
    long followed = Math.round(lead.followedByRestart() * lead.count());
    if (lead.followedByRestart() >= 0.5 && lead.lift() >= 2) {
      b.append(followed == lead.count() ? ", each" : ", " + followed + " of them")
          .append(" followed within a minute by the instance ending");
    }
    b.append('.');
    if (!chain.newRevisions().isEmpty()) {
      b.append(" Revisions that started in the window: ")
          .append(String.join(", ", chain.newRevisions()))
          .append('.');
    }
    return new Answer(
        b + "\n" + found.summary(),
        true,
        found.findings(),
        found.citations(),
        found.searched(),
        scopeText,
        q.from(),
        q.to());
  }

  private static String shortTemplate(String template) {
    return template.length() > 160 ? template.substring(0, 159) + "…" : template;
  }

  private static String named(List<String> words) {
    return String.join(" or ", words.stream().map(w -> "`" + w + "`").toList());
  }

  private static Answer refusal(Question q, long searched, String scopeText, String text) {
    return new Answer(text, false, List.of(), List.of(), searched, scopeText, q.from(), q.to());
  }

  private Answer compose(Question q, Scope sc, List<LineRef> cited, String scopeText) {
    Scope before = retriever.before(sc);
    List<Answer.Finding> findings = new ArrayList<>();
    Set<Integer> seen = new LinkedHashSet<>();
    for (LineRef r : cited) {
      int t = r.template();
      if (!seen.add(t) || findings.size() == 3) {
        continue;
      }
      Set<String> services = new LinkedHashSet<>();
      Set<String> revisions = new LinkedHashSet<>();
      int worst = 0;
      for (Segment s : lines.segments()) {
        IntList ofTemplate = s.byTemplate.get(t);
        if (ofTemplate == null) {
          continue;
        }
        for (int k = ofTemplate.size() - 1; k >= 0; k--) {
          int i = ofTemplate.get(k);
          if (sc.covers(s, i)) {
            if (services.size() < 4) {
              services.add(lines.service(s.service[i]));
            }
            if (revisions.size() < 4) {
              revisions.add(lines.revision(s.revision[i]));
            }
            worst = Math.max(worst, s.severity[i]);
          }
        }
      }
      services.remove("");
      revisions.remove("");
      findings.add(
          new Answer.Finding(
              miner.cluster(t).template(),
              Severity.values()[worst],
              sc.count[t],
              t < before.count.length ? before.count[t] : 0,
              Instant.ofEpochMilli(sc.first[t]),
              Instant.ofEpochMilli(sc.last[t]),
              List.copyOf(services),
              List.copyOf(revisions)));
    }
    List<Answer.Citation> citations = new ArrayList<>();
    for (LineRef r : cited) {
      Segment s = r.segment();
      int i = r.offset();
      citations.add(
          new Answer.Citation(
              Instant.ofEpochMilli(s.time[i]),
              Severity.values()[s.severity[i]],
              lines.service(s.service[i]),
              lines.revision(s.revision[i]),
              s.text[i],
              s.id[i]));
    }
    return new Answer(
        summary(findings, sc.lines, scopeText),
        true,
        List.copyOf(findings),
        List.copyOf(citations),
        sc.lines,
        scopeText,
        q.from(),
        q.to());
  }

  private static String summary(List<Answer.Finding> findings, long searched, String scopeText) {
    StringBuilder b = new StringBuilder();
    b.append("From the ")
        .append(scopeText)
        .append(" (")
        .append(String.format(Locale.ROOT, "%,d", searched))
        .append(" entries searched):");
    for (Answer.Finding f : findings) {
      b.append("\n- ")
          .append(f.severity())
          .append(" \"")
          .append(shortTemplate(f.template()))
          .append("\" ")
          .append(f.count())
          .append(f.count() == 1 ? " time" : " times");
      if (f.count() == 1) {
        b.append(" at ").append(HM.format(f.first()));
      } else {
        b.append(", ").append(HM.format(f.first())).append("–").append(HM.format(f.last()));
      }
      if (!f.services().isEmpty()) {
        b.append(" on ").append(String.join(", ", f.services()));
      }
      if (!f.revisions().isEmpty()) {
        b.append(" (").append(String.join(", ", f.revisions())).append(")");
      }
      b.append("; ").append(change(f.count(), f.previousCount())).append('.');
    }
    return b.toString();
  }

  private static String change(long now, long before) {
    if (before == 0) {
      return "none in the window before";
    }
    if (now == before) {
      return "as often as in the window before";
    }
    double ratio = (double) now / before;
    return ratio >= 1
        ? String.format(Locale.ROOT, "%.1f× the window before (%d)", ratio, before)
        : String.format(Locale.ROOT, "down from %d in the window before", before);
  }

  private static String scopeText(Question q, long newest) {
    String what =
        q.minSeverity().map(s -> s == Severity.ERROR ? "error " : "warning ").orElse("")
            + q.service().map(s -> s + " logs").orElse("logs");
    if (q.to().toEpochMilli() < newest - 60_000) {
      return what + " from " + HM.format(q.from()).replace(" UTC", "") + " to " + HM.format(q.to());
    }
    long minutes = Math.round(q.window().toSeconds() / 60.0);
    String window =
        minutes == 0
            ? Math.max(1, q.window().toSeconds()) + " s"
            : minutes < 120 && minutes % 60 != 0
                ? minutes + " min"
                : minutes < 48 * 60
                    ? Math.round(minutes / 60.0) + "h"
                    : Math.round(minutes / 1440.0) + " days";
    return window.equals("1h") ? "last hour of " + what : "last " + window + " of " + what;
  }
}
