package io.github.embeddings4j.internal.util;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.Random;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** Every one of the 65,536 bfloat16 and float16 patterns, and the JDK's own float16 conversions where present. */
class HalfTest {
  private static boolean isNaN16(int bits, int expMask) {
    return (bits & expMask) == expMask && (bits & ~expMask & 0x7FFF) != 0;
  }

  @Test
  void bf16RoundTripsEveryPattern() {
    for (int bits = 0; bits < 1 << 16; bits++) {
      float f = Half.bf16ToFloat((short) bits);
      assertEquals(bits << 16, Float.floatToRawIntBits(f), "decode 0x" + Integer.toHexString(bits));
      short back = Half.floatToBf16(f);
      if (isNaN16(bits, 0x7F80)) {
        assertTrue(isNaN16(back & 0xFFFF, 0x7F80), "NaN stays NaN: 0x" + Integer.toHexString(bits));
        assertEquals(bits & 0x8000, back & 0x8000, "NaN keeps its sign");
      } else {
        assertEquals((short) bits, back, "round trip 0x" + Integer.toHexString(bits));
      }
    }
  }

  @Test
  void bf16RoundsToNearestEven() {
    // 1 + 2^-8 is halfway between 1 and the next bfloat16 (1 + 2^-7): ties go to the even mantissa, 1.
    assertEquals((short) 0x3F80, Half.floatToBf16(1f + 0x1p-8f));
    assertEquals((short) 0x3F81, Half.floatToBf16(1f + 0x1p-8f + 0x1p-20f));
    // (1 + 2^-7) + 2^-8 is halfway too, between odd 0x3F81 and even 0x3F82.
    assertEquals((short) 0x3F82, Half.floatToBf16(1f + 0x1p-7f + 0x1p-8f));
  }

  @Test
  void f16RoundTripsEveryPattern() {
    for (int bits = 0; bits < 1 << 16; bits++) {
      float f = Half.f16ToFloat((short) bits);
      short back = Half.floatToF16(f);
      if (isNaN16(bits, 0x7C00)) {
        assertTrue(Float.isNaN(f), "NaN decodes to NaN: 0x" + Integer.toHexString(bits));
        assertTrue(isNaN16(back & 0xFFFF, 0x7C00), "NaN stays NaN: 0x" + Integer.toHexString(bits));
      } else {
        assertEquals((short) bits, back, "round trip 0x" + Integer.toHexString(bits) + " = " + f);
      }
    }
  }

  @Test
  void f16DecodesKnownValues() {
    assertEquals(1f, Half.f16ToFloat((short) 0x3C00));
    assertEquals(-2f, Half.f16ToFloat((short) 0xC000));
    assertEquals(65504f, Half.f16ToFloat((short) 0x7BFF));
    assertEquals(0x1p-24f, Half.f16ToFloat((short) 0x0001));
    assertEquals(Float.POSITIVE_INFINITY, Half.f16ToFloat((short) 0x7C00));
    assertEquals(Float.floatToRawIntBits(-0f), Float.floatToRawIntBits(Half.f16ToFloat((short) 0x8000)));
  }

  /** Float.float16ToFloat and Float.floatToFloat16 arrived in JDK 20; looked up so that this compiles on 17. */
  @Test
  void f16MatchesTheJdkOnEveryPatternAndOnMidpoints() throws Throwable {
    MethodHandle toFloat;
    MethodHandle toHalf;
    try {
      MethodHandles.Lookup lookup = MethodHandles.publicLookup();
      toFloat = lookup.findStatic(Float.class, "float16ToFloat", MethodType.methodType(float.class, short.class));
      toHalf = lookup.findStatic(Float.class, "floatToFloat16", MethodType.methodType(short.class, float.class));
    } catch (NoSuchMethodException e) {
      Assumptions.abort("JDK " + Runtime.version().feature() + " has no Float.float16ToFloat");
      return;
    }
    for (int bits = 0; bits < 1 << 16; bits++) {
      float mine = Half.f16ToFloat((short) bits);
      float jdk = (float) toFloat.invokeExact((short) bits);
      if (isNaN16(bits, 0x7C00)) {
        assertTrue(Float.isNaN(jdk) && Float.isNaN(mine), "NaN 0x" + Integer.toHexString(bits));
        continue;
      }
      assertEquals(Float.floatToRawIntBits(jdk), Float.floatToRawIntBits(mine), "decode 0x" + Integer.toHexString(bits));
      assertEquals((short) toHalf.invokeExact(mine), Half.floatToF16(mine), "encode " + mine);
      // The float halfway to the next pattern up, and just either side of it, exercise the rounding.
      if ((bits & 0x7FFF) < 0x7C00) {
        float next = Half.f16ToFloat((short) (bits + 1));
        float mid = (float) (((double) mine + next) / 2);
        for (float v : new float[] {mid, Math.nextDown(mid), Math.nextUp(mid)}) {
          assertEquals((short) toHalf.invokeExact(v), Half.floatToF16(v), "encode " + v);
        }
      }
    }
    Random rnd = new Random(20);
    for (int i = 0; i < 1_000_000; i++) {
      float v = Float.intBitsToFloat(rnd.nextInt());
      if (!Float.isNaN(v)) {
        assertEquals((short) toHalf.invokeExact(v), Half.floatToF16(v), "encode " + v);
      }
    }
  }
}
