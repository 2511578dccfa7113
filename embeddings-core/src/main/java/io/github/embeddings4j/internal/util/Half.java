package io.github.embeddings4j.internal.util;

/**
 * Conversions between float32 and the two 16-bit formats, bfloat16 and IEEE 754 float16, in plain Java
 * (JDK 17 has no {@code Float.float16ToFloat}).
 */
public final class Half {
  private Half() {}

  /**
   * Decodes a bfloat16 bit pattern: it is the upper half of a float32.
   *
   * @param bits the bfloat16 bit pattern
   * @return the float it stands for, exactly
   */
  public static float bf16ToFloat(short bits) {
    return Float.intBitsToFloat((bits & 0xFFFF) << 16);
  }

  /**
   * Encodes a float as bfloat16 with round-to-nearest-even; NaN stays a (quiet) NaN.
   *
   * @param value any float
   * @return the nearest bfloat16 bit pattern
   */
  public static short floatToBf16(float value) {
    int bits = Float.floatToRawIntBits(value);
    if ((bits & 0x7F800000) == 0x7F800000 && (bits & 0x007FFFFF) != 0) {
      return (short) ((bits >>> 16) | 0x0040);
    }
    int rounding = 0x7FFF + ((bits >>> 16) & 1);
    return (short) ((bits + rounding) >>> 16);
  }

  /**
   * Decodes an IEEE 754 half-precision bit pattern, subnormals, infinities and NaN included.
   *
   * @param bits the float16 bit pattern
   * @return the float it stands for, exactly
   */
  public static float f16ToFloat(short bits) {
    int h = bits & 0xFFFF;
    int sign = (h & 0x8000) << 16;
    int exp = (h >>> 10) & 0x1F;
    int mant = h & 0x3FF;
    if (exp == 0x1F) {
      return Float.intBitsToFloat(sign | 0x7F800000 | (mant << 13));
    }
    // Normal and subnormal alike: place the 15 low bits as a float with exponent bias 15 and rescale by
    // 2^(127-15); the multiply turns a subnormal half into the right normal float.
    float magnitude = Float.intBitsToFloat((h & 0x7FFF) << 13) * 0x1p112f;
    return sign == 0 ? magnitude : -magnitude;
  }

  /**
   * Encodes a float as IEEE float16 with round-to-nearest-even; overflow gives infinity.
   *
   * @param value any float
   * @return the nearest float16 bit pattern (infinity beyond the largest half)
   */
  public static short floatToF16(float value) {
    int bits = Float.floatToRawIntBits(value);
    int sign = (bits >>> 16) & 0x8000;
    int abs = bits & 0x7FFFFFFF;
    if (abs >= 0x7F800000) {
      return (short) (sign | 0x7C00 | (abs > 0x7F800000 ? 0x200 : 0));
    }
    if (abs >= 0x477FF000) {
      return (short) (sign | 0x7C00);
    }
    if (abs < 0x38800000) {
      // Subnormal half (or zero): let the FPU round by adding a magic constant.
      float f = Float.intBitsToFloat(abs) + 0.5f;
      return (short) (sign | (Float.floatToRawIntBits(f) - 0x3F000000));
    }
    int mantOdd = (abs >>> 13) & 1;
    abs += 0xC8000FFF + mantOdd; // rebias exponent (-112 << 23) and round to nearest even
    return (short) (sign | (abs >>> 13));
  }
}
