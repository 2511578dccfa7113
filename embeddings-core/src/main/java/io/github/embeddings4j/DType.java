package io.github.embeddings4j;

/** How a {@link VectorTable} stores its values. */
public enum DType {
  /** IEEE 754 single precision, 4 bytes a value. */
  F32(4),
  /** bfloat16: the upper 16 bits of a float32 (8-bit exponent, 7-bit mantissa), 2 bytes a value. */
  BF16(2),
  /** IEEE 754 half precision (5-bit exponent, 10-bit mantissa), 2 bytes a value. */
  F16(2);

  private final int bytes;

  DType(int bytes) {
    this.bytes = bytes;
  }

  /**
   * Returns the size of one value in bytes.
   *
   * @return bytes per stored value
   */
  public int bytes() {
    return bytes;
  }
}
