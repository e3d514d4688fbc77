package dev.lookout.simulator.gcp;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * A parsed Cloud Monitoring or Cloud Logging filter. Both APIs share the shape: restrictions such
 * as {@code resource.labels.service_name = "consumer"} or {@code severity>=ERROR}, bare text terms,
 * joined with AND (or juxtaposition), OR, NOT and parentheses. Each API decides which fields and
 * operators it accepts; see {@link FilterParser}.
 */
public sealed interface Filter {
  /** Evaluates the filter with the API's own meaning of a restriction and of a text term. */
  boolean test(Predicate<Restriction> restriction, Predicate<String> text);

  /** Every restriction in the filter, for validation. */
  default List<Restriction> restrictions() {
    List<Restriction> out = new ArrayList<>();
    collect(this, out);
    return out;
  }

  private static void collect(Filter f, List<Restriction> out) {
    switch (f) {
      case And and -> and.terms().forEach(t -> collect(t, out));
      case Or or -> or.terms().forEach(t -> collect(t, out));
      case Not not -> collect(not.term(), out);
      case Restriction r -> out.add(r);
      case Text ignored -> {}
      case MatchAll ignored -> {}
    }
  }

  /** The empty filter. */
  record MatchAll() implements Filter {
    @Override
    public boolean test(Predicate<Restriction> restriction, Predicate<String> text) {
      return true;
    }
  }

  record And(List<Filter> terms) implements Filter {
    @Override
    public boolean test(Predicate<Restriction> restriction, Predicate<String> text) {
      for (Filter t : terms) {
        if (!t.test(restriction, text)) {
          return false;
        }
      }
      return true;
    }
  }

  record Or(List<Filter> terms) implements Filter {
    @Override
    public boolean test(Predicate<Restriction> restriction, Predicate<String> text) {
      for (Filter t : terms) {
        if (t.test(restriction, text)) {
          return true;
        }
      }
      return false;
    }
  }

  record Not(Filter term) implements Filter {
    @Override
    public boolean test(Predicate<Restriction> restriction, Predicate<String> text) {
      return !term.test(restriction, text);
    }
  }

  /** A bare word or quoted string: matches entries containing it anywhere. */
  record Text(String term) implements Filter {
    @Override
    public boolean test(Predicate<Restriction> restriction, Predicate<String> text) {
      return text.test(term);
    }
  }

  /** {@code field op value}, such as {@code severity >= ERROR}. */
  record Restriction(String field, Operator op, Value value) implements Filter {
    @Override
    public boolean test(Predicate<Restriction> restriction, Predicate<String> text) {
      return restriction.test(this);
    }
  }

  enum Operator {
    EQ("="),
    NE("!="),
    LT("<"),
    LE("<="),
    GT(">"),
    GE(">="),
    HAS(":"),
    REGEX("=~"),
    NOT_REGEX("!~");

    private final String symbol;

    Operator(String symbol) {
      this.symbol = symbol;
    }

    public String symbol() {
      return symbol;
    }
  }

  /** The right-hand side of a restriction. */
  sealed interface Value {}

  /** A literal; {@code quoted} tells {@code "ERROR"} from {@code ERROR}. */
  record Literal(String text, boolean quoted) implements Value {}

  /** A function such as {@code one_of("a", "b")} or {@code starts_with("run.")}. */
  record Call(String function, List<String> arguments) implements Value {}
}
