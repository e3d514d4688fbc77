package dev.lookout.knowledge;

/** Turns text into a unit vector; similar meanings give a high dot product. */
public interface Embedder {
  float[] embed(String text);

  /** Cosine similarity of two unit vectors. */
  static double cosine(float[] a, float[] b) {
    double dot = 0;
    for (int i = 0; i < a.length; i++) {
      dot += a[i] * b[i];
    }
    return dot;
  }
}
