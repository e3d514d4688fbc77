package dev.lookout.knowledge;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * Search by meaning: one embedding per distinct template, computed on its own thread as templates
 * appear or change, so ingest never waits for the model.
 */
final class TemplateVectors implements AutoCloseable {
  private final Optional<Embedder> embedder;
  private final Map<Integer, float[]> vectors = new ConcurrentHashMap<>();
  private final Map<Integer, String> embeddedAs = new ConcurrentHashMap<>();
  private final ExecutorService embedding =
      Executors.newSingleThreadExecutor(
          r -> {
            Thread t = new Thread(r, "knowledge-embedding");
            t.setDaemon(true);
            return t;
          });

  /** A template and how close it is in meaning to a question. */
  record Near(int template, double cosine) {}

  TemplateVectors(Optional<Embedder> embedder) {
    this.embedder = embedder;
  }

  boolean enabled() {
    return embedder.isPresent();
  }

  /** Queues the (re)embedding of a template whose text is new or changed. */
  void changed(int template, String text) {
    if (embedder.isPresent()) {
      embedding.execute(() -> embed(template, text));
    }
  }

  private void embed(int template, String text) {
    String plain = text.replace(TemplateMiner.WILDCARD, " ").replaceAll("\\s+", " ").strip();
    if (plain.equals(embeddedAs.get(template))) {
      return;
    }
    vectors.put(template, embedder.orElseThrow().embed(plain.isEmpty() ? text : plain));
    embeddedAs.put(template, plain);
  }

  /** The question's vector, or empty without a model. */
  Optional<float[]> embedQuestion(String text) {
    return embedder.map(e -> e.embed(text));
  }

  /** The {@code k} templates in scope closest in meaning to {@code question}, closest first. */
  List<Near> nearest(float[] question, Scope sc, int k) {
    PriorityQueue<Near> top = new PriorityQueue<>((a, b) -> Double.compare(a.cosine(), b.cosine()));
    for (int t = 0; t < sc.count.length; t++) {
      float[] v = sc.count[t] > 0 ? vectors.get(t) : null;
      if (v == null) {
        continue;
      }
      top.add(new Near(t, Embedder.cosine(question, v)));
      if (top.size() > k) {
        top.poll();
      }
    }
    List<Near> best = new ArrayList<>(top);
    best.sort((a, b) -> Double.compare(b.cosine(), a.cosine()));
    return best;
  }

  int size() {
    return vectors.size();
  }

  /** Waits until every template queued so far has its embedding (tests and benchmarks). */
  void await() {
    try {
      embedding.submit(() -> {}).get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (ExecutionException e) {
      throw new IllegalStateException(e.getCause());
    }
  }

  @Override
  public void close() {
    embedding.shutdownNow();
    try {
      embedding.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
