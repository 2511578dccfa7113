package io.github.embeddings4j;

/**
 * Base of the unchecked exceptions thrown by the embeddings4j API for misuse or bad values at run time
 * (an unknown token, a dimension mismatch, a NaN in a vector being added).
 *
 * <p>Problems in files are reported by the checked {@link EmbeddingFormatException} instead.
 */
public class EmbeddingException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates an exception with a message.
   *
   * @param message what went wrong, naming the value involved
   */
  public EmbeddingException(String message) {
    super(message);
  }

  /**
   * Creates an exception with a message and a cause.
   *
   * @param message what went wrong, naming the value involved
   * @param cause the underlying problem
   */
  public EmbeddingException(String message, Throwable cause) {
    super(message, cause);
  }
}
