package io.github.embeddings4j;

/** Thrown when a token is not in an embedding's vocabulary; the message and {@link #token()} name it. */
public final class UnknownTokenException extends EmbeddingException {
  private static final long serialVersionUID = 1L;

  /** The token that is not in the vocabulary, as the caller gave it. */
  private final String token;

  /**
   * Creates the exception for a token.
   *
   * @param token the token that is not in the vocabulary
   */
  public UnknownTokenException(String token) {
    super("unknown token: \"" + token + "\"");
    this.token = token;
  }

  /**
   * Returns the token that was not found.
   *
   * @return the token that was not found
   */
  public String token() {
    return token;
  }
}
