package io.github.embeddings4j.llm.format;

import java.util.ArrayList;
import java.util.List;

/**
 * Which fields of one ONNX {@code TensorProto} hold its values, and whether they agree with its data type and
 * shape. {@code onnx.proto} allows exactly one place for the values: {@code raw_data}, external data, or the
 * typed field of the data type ({@code float_data} for FLOAT and COMPLEX64, {@code int32_data} for the integer
 * types up to 32 bits, BOOL, FLOAT16, BFLOAT16 and the 8-bit floats, {@code string_data} for STRING,
 * {@code int64_data} for INT64, {@code double_data} for DOUBLE and COMPLEX128, {@code uint64_data} for UINT32 and
 * UINT64), holding one value per element (two for complex types). A tensor with values in two places, in a field
 * of another type, or in a number that is not its element count is malformed: reading it would either index past
 * the values or return zeros for the missing ones.
 */
final class OnnxTensorData {
  /** TensorProto field numbers of the typed value fields. */
  static final int FLOAT_DATA = 4;
  static final int INT32_DATA = 5;
  static final int STRING_DATA = 6;
  static final int INT64_DATA = 7;
  static final int DOUBLE_DATA = 10;
  static final int UINT64_DATA = 11;

  private static final int[] FIELDS = {FLOAT_DATA, INT32_DATA, STRING_DATA, INT64_DATA, DOUBLE_DATA,
      UINT64_DATA};
  private static final String[] FIELD_NAMES = {"float_data", "int32_data", "string_data", "int64_data",
      "double_data", "uint64_data"};

  /** Values counted per typed field, in the order of {@link #FIELDS}; -1 when the field is absent. */
  private final long[] counts = {-1, -1, -1, -1, -1, -1};

  /** Tells whether {@code number} is one of the typed value fields. */
  static boolean isValueField(int number) {
    return slot(number) >= 0;
  }

  /** Returns the name of a typed value field. */
  static String name(int field) {
    return FIELD_NAMES[slot(field)];
  }

  private static int slot(int number) {
    for (int i = 0; i < FIELDS.length; i++) {
      if (FIELDS[i] == number) {
        return i;
      }
    }
    return -1;
  }

  /** Adds {@code values} values of a typed field (0 for an empty packed run, which still marks it present). */
  void add(int field, long values) {
    int s = slot(field);
    counts[s] = Math.max(0, counts[s]) + values;
  }

  /** Returns the values counted in a typed field, or -1 when it is absent. */
  long count(int field) {
    return counts[slot(field)];
  }

  /**
   * Returns the typed field a data type keeps its values in, or 0 when the type has none (UNDEFINED, unknown
   * ids).
   */
  static int fieldOf(long dataType) {
    if (dataType == 1 || dataType == 14) {
      return FLOAT_DATA;
    }
    if (dataType >= 2 && dataType <= 6 || dataType == 9 || dataType == 10 || dataType >= 16 && dataType <= 23) {
      return INT32_DATA;
    }
    if (dataType == 8) {
      return STRING_DATA;
    }
    if (dataType == 7) {
      return INT64_DATA;
    }
    if (dataType == 11 || dataType == 15) {
      return DOUBLE_DATA;
    }
    if (dataType == 12 || dataType == 13) {
      return UINT64_DATA;
    }
    return 0;
  }

  /**
   * Checks the value fields against the type and shape.
   *
   * @param dataType the tensor's data type id
   * @param typeName its name, for messages
   * @param elements the product of its dimensions
   * @param raw whether it has {@code raw_data}
   * @param external whether its data location is EXTERNAL
   * @return null when consistent, else the problem
   */
  String check(long dataType, String typeName, long elements, boolean raw, boolean external) {
    List<String> places = new ArrayList<>();
    if (raw) {
      places.add("raw_data");
    }
    if (external) {
      places.add("external data");
    }
    for (int i = 0; i < FIELDS.length; i++) {
      if (counts[i] >= 0) {
        places.add(FIELD_NAMES[i]);
      }
    }
    if (places.size() > 1) {
      return "values are given in " + String.join(" and ", places) + "; a tensor keeps them in one place";
    }
    int expected = fieldOf(dataType);
    if (places.isEmpty()) {
      return elements == 0 ? null : "shape needs " + elements + " values and the tensor holds none";
    }
    if (raw || external) {
      return dataType == 8 ? "STRING values cannot be raw bytes (string_data holds them)" : null;
    }
    int present = FIELDS[slotOfPresent()];
    if (expected == 0) {
      return typeName + " values cannot be given in " + name(present);
    }
    if (present != expected) {
      return typeName + " values are in " + name(present) + ", which is not the field of " + typeName + " ("
          + name(expected) + " is)";
    }
    long perElement = dataType == 14 || dataType == 15 ? 2 : 1;
    long needed = elements > Long.MAX_VALUE / perElement ? Long.MAX_VALUE : elements * perElement;
    long held = counts[slot(present)];
    // The 4-bit types pack several values per int32_data entry; their count is not checked here.
    if (held != needed && (dataType < 21 || dataType > 23)) {
      return "shape needs " + needed + " values, " + name(present) + " holds " + held;
    }
    return null;
  }

  private int slotOfPresent() {
    for (int i = 0; i < counts.length; i++) {
      if (counts[i] >= 0) {
        return i;
      }
    }
    throw new IllegalStateException("no typed field");
  }
}
