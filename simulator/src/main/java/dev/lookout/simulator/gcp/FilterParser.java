package dev.lookout.simulator.gcp;

import java.util.ArrayList;
import java.util.List;

/**
 * Parses the filter language Cloud Monitoring and Cloud Logging share. A syntax error is reported
 * as an {@link IllegalArgumentException} whose message says where, which the APIs turn into
 * INVALID_ARGUMENT as Google does.
 */
public final class FilterParser {
  private final String source;
  private final List<Token> tokens;
  private int pos;

  private FilterParser(String source) {
    this.source = source;
    this.tokens = tokenize(source);
  }

  /** Parses {@code filter}; an empty or blank filter matches everything. */
  public static Filter parse(String filter) {
    if (filter == null || filter.isBlank()) {
      return new Filter.MatchAll();
    }
    FilterParser parser = new FilterParser(filter);
    Filter f = parser.or();
    if (parser.pos < parser.tokens.size()) {
      throw parser.error("unexpected '" + parser.tokens.get(parser.pos).text + "'");
    }
    return f;
  }

  private enum Kind {
    WORD,
    STRING,
    OP,
    LPAREN,
    RPAREN,
    COMMA
  }

  private record Token(Kind kind, String text, int at) {}

  private Filter or() {
    List<Filter> terms = new ArrayList<>();
    terms.add(and());
    while (peekWord("OR")) {
      pos++;
      terms.add(and());
    }
    return terms.size() == 1 ? terms.get(0) : new Filter.Or(terms);
  }

  private Filter and() {
    List<Filter> terms = new ArrayList<>();
    terms.add(unary());
    while (pos < tokens.size()) {
      Token t = tokens.get(pos);
      if (t.kind == Kind.RPAREN || peekWord("OR")) {
        break;
      }
      if (peekWord("AND")) {
        pos++;
      }
      terms.add(unary());
    }
    return terms.size() == 1 ? terms.get(0) : new Filter.And(terms);
  }

  private Filter unary() {
    if (peekWord("NOT")) {
      pos++;
      return new Filter.Not(unary());
    }
    Token t = next("a restriction");
    if (t.kind == Kind.OP && t.text.equals("-")) {
      return new Filter.Not(unary());
    }
    if (t.kind == Kind.LPAREN) {
      Filter inner = or();
      expect(Kind.RPAREN, "')'");
      return inner;
    }
    if (t.kind != Kind.WORD && t.kind != Kind.STRING) {
      throw error("expected a field or a search term at '" + t.text + "'");
    }
    if (pos < tokens.size() && tokens.get(pos).kind == Kind.OP) {
      Token op = tokens.get(pos++);
      if (t.kind == Kind.STRING) {
        throw error("a field name cannot be quoted: \"" + t.text + "\"");
      }
      return new Filter.Restriction(t.text, operator(op), value());
    }
    if (t.kind == Kind.WORD && (t.text.equals("AND") || t.text.equals("OR"))) {
      throw error("'" + t.text + "' needs a term on both sides");
    }
    return new Filter.Text(t.text);
  }

  private Filter.Value value() {
    Token t = next("a value");
    if (t.kind == Kind.STRING) {
      return new Filter.Literal(t.text, true);
    }
    if (t.kind != Kind.WORD) {
      throw error("expected a value at '" + t.text + "'");
    }
    if (pos < tokens.size() && tokens.get(pos).kind == Kind.LPAREN) {
      pos++;
      List<String> args = new ArrayList<>();
      if (pos < tokens.size() && tokens.get(pos).kind == Kind.RPAREN) {
        pos++;
        return new Filter.Call(t.text, args);
      }
      while (true) {
        Token arg = next("an argument");
        if (arg.kind != Kind.STRING && arg.kind != Kind.WORD) {
          throw error("expected an argument of " + t.text + "() at '" + arg.text + "'");
        }
        args.add(arg.text);
        Token sep = next("',' or ')'");
        if (sep.kind == Kind.RPAREN) {
          return new Filter.Call(t.text, args);
        }
        if (sep.kind != Kind.COMMA) {
          throw error("expected ',' or ')' in " + t.text + "() at '" + sep.text + "'");
        }
      }
    }
    return new Filter.Literal(t.text, false);
  }

  private Filter.Operator operator(Token op) {
    for (Filter.Operator o : Filter.Operator.values()) {
      if (o.symbol().equals(op.text)) {
        return o;
      }
    }
    throw error("unknown operator '" + op.text + "'");
  }

  private boolean peekWord(String word) {
    return pos < tokens.size()
        && tokens.get(pos).kind == Kind.WORD
        && tokens.get(pos).text.equals(word);
  }

  private Token next(String what) {
    if (pos >= tokens.size()) {
      throw error("expected " + what + " but the filter ended");
    }
    return tokens.get(pos++);
  }

  private void expect(Kind kind, String what) {
    Token t = next(what);
    if (t.kind != kind) {
      throw error("expected " + what + " at '" + t.text + "'");
    }
  }

  private IllegalArgumentException error(String message) {
    int at = pos < tokens.size() ? tokens.get(Math.max(0, pos - 1)).at : source.length();
    return new IllegalArgumentException(
        "Unparseable filter: " + message + " (at character " + at + " of: " + source + ")");
  }

  private static List<Token> tokenize(String s) {
    List<Token> out = new ArrayList<>();
    int i = 0;
    while (i < s.length()) {
      char c = s.charAt(i);
      if (Character.isWhitespace(c)) {
        i++;
      } else if (c == '(') {
        out.add(new Token(Kind.LPAREN, "(", i++));
      } else if (c == ')') {
        out.add(new Token(Kind.RPAREN, ")", i++));
      } else if (c == ',') {
        out.add(new Token(Kind.COMMA, ",", i++));
      } else if (c == '"' || c == '\'') {
        int start = i++;
        StringBuilder b = new StringBuilder();
        while (i < s.length() && s.charAt(i) != c) {
          if (s.charAt(i) == '\\' && i + 1 < s.length()) {
            i++;
          }
          b.append(s.charAt(i++));
        }
        if (i >= s.length()) {
          throw new IllegalArgumentException(
              "Unparseable filter: unterminated string starting at character " + start);
        }
        i++;
        out.add(new Token(Kind.STRING, b.toString(), start));
      } else if ("=!<>:~".indexOf(c) >= 0) {
        int start = i;
        String two = i + 1 < s.length() ? s.substring(i, i + 2) : "";
        if (two.equals("!=")
            || two.equals("<=")
            || two.equals(">=")
            || two.equals("=~")
            || two.equals("!~")) {
          i += 2;
          out.add(new Token(Kind.OP, two, start));
        } else if (c == '!' || c == '~') {
          throw new IllegalArgumentException(
              "Unparseable filter: unexpected '" + c + "' at character " + i);
        } else {
          i++;
          out.add(new Token(Kind.OP, String.valueOf(c), start));
        }
      } else if (c == '-' && (out.isEmpty() || out.getLast().kind != Kind.OP)) {
        // A leading minus negates the next term, as NOT does.
        out.add(new Token(Kind.OP, "-", i++));
      } else {
        int start = i;
        while (i < s.length()
            && !Character.isWhitespace(s.charAt(i))
            && "()=!<>:~,\"'".indexOf(s.charAt(i)) < 0) {
          i++;
        }
        out.add(new Token(Kind.WORD, s.substring(start, i), start));
      }
    }
    return out;
  }
}
