package dev.lookout.knowledge;

import java.util.List;

/** What retrieval found for a question, before it is put in words. */
sealed interface Evidence {
  /** The lines the question covers. */
  Scope scope();

  /** No line is in scope at all. */
  record NothingStored(Scope scope) implements Evidence {}

  /** The question names something ({@code term}) that no stored line mentions. */
  record Unmentioned(Scope scope, String term) implements Evidence {}

  /**
   * Part of the question's subject ({@code missing}) is in no stored line: the closest lines, which
   * answer the rest, are shown, and are not enough evidence.
   */
  record Partial(Scope scope, List<String> missing, List<LineRef> closest) implements Evidence {}

  /** Lines are in scope, but none answers the question. */
  record NoMatch(Scope scope) implements Evidence {}

  /** A question without search words: the loudest trouble in scope, if there is any. */
  record Overview(Scope scope, List<LineRef> trouble) implements Evidence {}

  /** Why a service fails: its failure chain, lead first, and the lines that show it. */
  record Diagnosis(Scope scope, FailureChain.Chain chain) implements Evidence {}

  /** The lines to cite, best first, each cause next to what it caused. */
  record Found(Scope scope, List<LineRef> cited) implements Evidence {}
}
