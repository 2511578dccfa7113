/**
 * embeddings4j text: one vector per text. A contextual encoder (a BERT-family model run by ONNX Runtime,
 * all-MiniLM-L6-v2 by default), pooled static encoders over any {@link io.github.embeddings4j.Embedding} (mean,
 * TF-IDF weighted, SIF) and the STS Benchmark evaluation.
 */
module io.github.embeddings4j.text {
  requires transitive io.github.embeddings4j.llm;
  requires org.slf4j;
  requires com.fasterxml.jackson.databind;
  // ONNX Runtime's jar is an automatic module (Automatic-Module-Name in its manifest).
  requires com.microsoft.onnxruntime;

  exports io.github.embeddings4j.text;
}
