package io.github.embeddings4j.llm.format;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.embeddings4j.DType;
import io.github.embeddings4j.VectorTable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A file past 2 GiB, written sparse: a 2.2 GB float32 tensor of which only some rows are written (the rest reads
 * as zeros), then a bfloat16 table that starts past byte 2^31.
 */
class LargeSafetensorsFileTest {
  @TempDir
  Path dir;

  private static final int DIM = 1024;
  private static final int BIG_ROWS = 540_000; // 2,211,840,000 bytes of float32
  private static final int SMALL_ROWS = 5;
  private static final int SMALL_DIM = 3;

  @Test
  void readsTensorsPastTwoGigabytes() throws IOException {
    Path f = dir.resolve("big.safetensors");
    long bigBytes = (long) BIG_ROWS * DIM * 4;
    long smallBytes = (long) SMALL_ROWS * SMALL_DIM * 2;
    String header = "{\"dummy\":{\"dtype\":\"F32\",\"shape\":[" + BIG_ROWS + "," + DIM + "],\"data_offsets\":[0,"
        + bigBytes + "]},\"emb\":{\"dtype\":\"BF16\",\"shape\":[" + SMALL_ROWS + "," + SMALL_DIM
        + "],\"data_offsets\":[" + bigBytes + "," + (bigBytes + smallBytes) + "]}}";
    byte[] h = header.getBytes(StandardCharsets.UTF_8);
    long dataStart = 8 + h.length;
    float[][] small = Fixtures.values(SMALL_ROWS, SMALL_DIM, 77);
    float[][] rows = Fixtures.values(4, DIM, 78);
    // Row indices: first, the one that straddles byte 2^31 of the file, and last.
    int straddle = (int) (((1L << 31) - dataStart) / (DIM * 4L));
    int[] written = {0, straddle, BIG_ROWS - 1};
    try (FileChannel ch = FileChannel.open(f, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
      ByteBuffer len = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(h.length).flip();
      ch.write(len, 0);
      ch.write(ByteBuffer.wrap(h), 8);
      for (int i = 0; i < written.length; i++) {
        ch.write(ByteBuffer.wrap(Fixtures.encode(new float[][] {rows[i]}, "F32")),
            dataStart + (long) written[i] * DIM * 4);
      }
      ch.write(ByteBuffer.wrap(Fixtures.encode(small, "BF16")), dataStart + bigBytes);
    }
    assertTrue(Files.size(f) > (1L << 31) + 4096, "file is past 2 GiB: " + Files.size(f));
    assertTrue(dataStart + (long) straddle * DIM * 4 < (1L << 31)
        && dataStart + (long) (straddle + 1) * DIM * 4 > (1L << 31), "row " + straddle + " straddles 2^31");

    long t0 = System.nanoTime();
    try (SafetensorsFile st = SafetensorsFile.open(f)) {
      assertTrue(System.nanoTime() - t0 < 5_000_000_000L, "opening reads the header only");
      assertEquals(dataStart + bigBytes, st.tensor("emb").orElseThrow().offset());
      VectorTable emb = st.readTable("emb");
      for (int r = 0; r < SMALL_ROWS; r++) {
        for (int i = 0; i < SMALL_DIM; i++) {
          assertEquals(Fixtures.rounded(small[r][i], "BF16"), emb.row(r)[i], 0f);
        }
      }
      VectorTable head = st.readTable("dummy", 0, 2, DType.F32);
      assertArrayEquals(rows[0], head.row(0), 0f);
      assertArrayEquals(new float[DIM], head.row(1), 0f, "unwritten rows of the sparse file read as zeros");
      VectorTable across = st.readTable("dummy", straddle - 1, 3, DType.BF16);
      assertEquals(Fixtures.rounded(rows[1][DIM - 1], "BF16"), across.row(1)[DIM - 1], 0f);
      VectorTable tail = st.readTable("dummy", BIG_ROWS - 1, 1, DType.F32);
      assertArrayEquals(rows[2], tail.row(0), 0f);

      // The same rows through small mapping windows, so one window ends exactly inside the straddling row's
      // neighbourhood and offsets past 2^31 go through the window arithmetic.
      int old = SafetensorsFile.windowBytes;
      SafetensorsFile.windowBytes = DIM * 4;
      try {
        VectorTable again = st.readTable("dummy", straddle - 1, 3, DType.F32);
        assertArrayEquals(rows[1], again.row(1), 0f);
      } finally {
        SafetensorsFile.windowBytes = old;
      }
    }
  }
}
