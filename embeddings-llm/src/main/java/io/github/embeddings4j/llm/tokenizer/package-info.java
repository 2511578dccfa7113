/**
 * Tokenizers of language models: {@link io.github.embeddings4j.llm.tokenizer.HfTokenizer} runs a Hugging Face
 * {@code tokenizer.json} (DJL, offline), {@link io.github.embeddings4j.llm.tokenizer.GreedyVocabTokenizer}
 * approximates one from a bare vocabulary (a GGUF file's token list).
 */
package io.github.embeddings4j.llm.tokenizer;
