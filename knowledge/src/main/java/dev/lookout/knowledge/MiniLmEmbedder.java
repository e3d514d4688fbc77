package dev.lookout.knowledge;

import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.allminilml6v2q.AllMiniLmL6V2QuantizedEmbeddingModel;

/**
 * all-MiniLM-L6-v2, quantized, in process through langchain4j's ONNX runtime: 384 dimensions,
 * normalised. The quantized model is the one the build carries; see docs/BENCHMARKS.md.
 */
public final class MiniLmEmbedder implements Embedder {
  private final EmbeddingModel model;

  public MiniLmEmbedder() {
    this.model = new AllMiniLmL6V2QuantizedEmbeddingModel();
  }

  @Override
  public float[] embed(String text) {
    float[] v = model.embed(text).content().vector();
    double norm = 0;
    for (float x : v) {
      norm += x * x;
    }
    norm = Math.sqrt(norm);
    if (norm > 0) {
      for (int i = 0; i < v.length; i++) {
        v[i] /= (float) norm;
      }
    }
    return v;
  }
}
