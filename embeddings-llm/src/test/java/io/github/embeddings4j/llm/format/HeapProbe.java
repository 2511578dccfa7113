package io.github.embeddings4j.llm.format;

import io.github.embeddings4j.llm.tokenizer.HfTokenizer;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes the large hostile files of {@code HeapRatioTest} (many small entries, or a few long strings) and, as a
 * child JVM's main, opens one of them under the heap limit its parent chose: exit status 0 when it opened, 3 on
 * {@link OutOfMemoryError}.
 */
public final class HeapProbe {
  private HeapProbe() {}

  /** The readers a probe opens. */
  public enum Kind {
    /** A GGUF file of {@code n} uint8 metadata entries. */
    GGUF_METADATA,
    /** A GGUF file whose (unused) metadata array holds {@code n} one-character strings. */
    GGUF_STRINGS,
    /** A {@code tokenizer.json} of {@code n} vocabulary entries. */
    TOKENIZER,
    /** A safetensors file whose header's {@code __metadata__} holds {@code n} strings of 64 KiB. */
    SAFETENSORS_METADATA,
    /** A safetensors file whose header's {@code __metadata__} holds one string of {@code n} KiB. */
    SAFETENSORS_LONG_STRING
  }

  /**
   * Opens the file, then exits.
   *
   * @param args the kind and the file
   */
  public static void main(String[] args) {
    try {
      Path file = Path.of(args[1]);
      switch (Kind.valueOf(args[0])) {
        case GGUF_METADATA:
        case GGUF_STRINGS:
          try (GgufFile g = GgufFile.open(file)) {
            System.out.println(g.metadata().size());
          }
          break;
        case TOKENIZER:
          try (HfTokenizer t = HfTokenizer.open(file)) {
            System.out.println(t.vocabulary().size());
          }
          break;
        default:
          try (SafetensorsFile s = SafetensorsFile.open(file)) {
            System.out.println(s.metadata().size());
          }
      }
      System.exit(0);
    } catch (OutOfMemoryError e) {
      System.exit(3);
    } catch (Throwable e) {
      e.printStackTrace();
      System.exit(4);
    }
  }

  /**
   * Writes a hostile file of {@code n} entries.
   *
   * @param kind what to write
   * @param file where
   * @param n how many entries
   * @throws IOException if writing fails
   */
  public static void write(Kind kind, Path file, int n) throws IOException {
    try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16)) {
      switch (kind) {
        case GGUF_METADATA: {
          out.write(le(8).putInt(GgufFile.MAGIC).putInt(3).array());
          out.write(le(16).putLong(0).putLong(n).array());
          for (int i = 0; i < n; i++) {
            byte[] key = ("k" + i).getBytes(StandardCharsets.US_ASCII);
            out.write(le(8).putLong(key.length).array());
            out.write(key);
            out.write(le(5).putInt(0).put((byte) i).array());
          }
          break;
        }
        case GGUF_STRINGS: {
          out.write(le(8).putInt(GgufFile.MAGIC).putInt(3).array());
          out.write(le(16).putLong(0).putLong(1).array());
          byte[] key = "tokenizer.ggml.merges".getBytes(StandardCharsets.US_ASCII);
          out.write(le(8).putLong(key.length).array());
          out.write(key);
          out.write(le(16).putInt(9).putInt(8).putLong(n).array());
          for (int i = 0; i < n; i++) {
            out.write(le(9).putLong(1).put((byte) ('a' + i % 26)).array());
          }
          break;
        }
        case TOKENIZER: {
          out.write("{\"model\": {\"type\": \"WordPiece\", \"vocab\": {".getBytes(StandardCharsets.US_ASCII));
          for (int i = 0; i < n; i++) {
            out.write(((i == 0 ? "" : ",") + "\"t" + i + "\":" + i).getBytes(StandardCharsets.US_ASCII));
          }
          out.write("}}}".getBytes(StandardCharsets.US_ASCII));
          break;
        }
        default: {
          // Written in blocks of 1 KiB, so that the test JVM itself allocates nothing large (a 20 MB string built
          // in memory here grew the test JVM's heap, which the resource test that follows then measured).
          boolean one = kind == Kind.SAFETENSORS_LONG_STRING;
          int blocks = one ? n : 64;
          int values = one ? 1 : n;
          byte[] block = new byte[1024];
          for (int i = 0; i < block.length; i++) {
            block[i] = (byte) ('a' + i % 26);
          }
          String head = "{\"__metadata__\": {";
          String tail = "}, \"t\": {\"dtype\": \"F32\", \"shape\": [1], \"data_offsets\": [0, 4]}}";
          long length = head.length() + tail.length();
          for (int i = 0; i < values; i++) {
            length += (i == 0 ? 0 : 1) + ("\"m" + i + "\": \"").length() + (long) blocks * block.length + 1;
          }
          long padded = (length + 7) & ~7L;
          out.write(le(8).putLong(padded).array());
          out.write(head.getBytes(StandardCharsets.US_ASCII));
          for (int i = 0; i < values; i++) {
            out.write(((i == 0 ? "" : ",") + "\"m" + i + "\": \"").getBytes(StandardCharsets.US_ASCII));
            for (int b = 0; b < blocks; b++) {
              out.write(block);
            }
            out.write('"');
          }
          out.write(tail.getBytes(StandardCharsets.US_ASCII));
          for (long p = length; p < padded; p++) {
            out.write(' ');
          }
          out.write(new byte[4]);
          break;
        }
      }
    }
  }

  private static ByteBuffer le(int n) {
    return ByteBuffer.allocate(n).order(ByteOrder.LITTLE_ENDIAN);
  }
}
