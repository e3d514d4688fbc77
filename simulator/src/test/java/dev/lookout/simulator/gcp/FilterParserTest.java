package dev.lookout.simulator.gcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class FilterParserTest {
  @Test
  @DisplayName("restrictions joined by AND, OR, NOT and juxtaposition")
  void structure() {
    Filter f =
        FilterParser.parse(
            "resource.type=\"cloud_run_revision\" severity>=ERROR"
                + " AND (textPayload:\"OOM\" OR NOT logName:stdout) -timeout");
    assertThat(f).isInstanceOf(Filter.And.class);
    List<Filter.Restriction> r = f.restrictions();
    assertThat(r)
        .extracting(Filter.Restriction::field)
        .containsExactly("resource.type", "severity", "textPayload", "logName");
    assertThat(r.get(1).op()).isEqualTo(Filter.Operator.GE);
    assertThat(((Filter.And) f).terms().getLast())
        .isEqualTo(new Filter.Not(new Filter.Text("timeout")));
  }

  @Test
  @DisplayName("functions such as one_of take quoted arguments")
  void functions() {
    Filter f = FilterParser.parse("resource.labels.service_name = one_of(\"a\", \"b-c\")");
    Filter.Restriction r = (Filter.Restriction) f;
    assertThat(r.value()).isEqualTo(new Filter.Call("one_of", List.of("a", "b-c")));
  }

  @Test
  @DisplayName("a blank filter matches everything")
  void blank() {
    assertThat(FilterParser.parse("  ")).isInstanceOf(Filter.MatchAll.class);
  }

  @Test
  @DisplayName("syntax errors say what was expected")
  void errors() {
    assertThatThrownBy(() -> FilterParser.parse("severity>="))
        .hasMessageContaining("expected a value but the filter ended");
    assertThatThrownBy(() -> FilterParser.parse("(severity=ERROR"))
        .hasMessageContaining("expected ')'");
    assertThatThrownBy(() -> FilterParser.parse("textPayload:\"open"))
        .hasMessageContaining("unterminated string");
    assertThatThrownBy(() -> FilterParser.parse("a = b c AND"))
        .hasMessageContaining("Unparseable filter");
  }
}
