package io.github.embeddings4j.llm;

import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.github.embeddings4j.EmbeddingException;
import io.github.embeddings4j.EmbeddingFormatException;
import io.github.embeddings4j.UnknownTokenException;
import io.github.embeddings4j.VectorTable;
import io.github.embeddings4j.Vocabulary;
import io.github.embeddings4j.llm.format.Fixtures;
import io.github.embeddings4j.llm.format.GgufFile;
import io.github.embeddings4j.llm.format.OnnxInitializers;
import io.github.embeddings4j.llm.format.SafetensorsFile;
import io.github.embeddings4j.llm.tokenizer.HfTokenizer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.Timeout.ThreadMode;

/**
 * Fuzz tests of the LLM readers (safetensors, ONNX, GGUF, config.json, tokenizer.json and a model folder): on any
 * bytes a reader returns a result or throws an {@link EmbeddingFormatException} (or another {@link IOException});
 * any other exception or error (an {@link OutOfMemoryError} from a believed size claim, a stack overflow, a
 * runtime exception) escapes and fails. What a reader returns is then used the way a caller would (every table
 * read, every token listed), since the readers decode tensors lazily. {@link Timeout} bounds each input: JUnit
 * fails a replayed input that runs longer (on a separate thread, so a hang cannot stall the build), Jazzer turns
 * it into libFuzzer's {@code -timeout} when fuzzing (where JUnit's own timeouts are switched off).
 *
 * <p>Without {@code JAZZER_FUZZ} (every build) each test replays its committed inputs in
 * {@code src/test/resources/io/github/embeddings4j/llm/ParserFuzzTestInputs/<method>/}; with {@code JAZZER_FUZZ=1}
 * and one {@code -Dtest=ParserFuzzTest#<method>} it fuzzes (see docs/reliability.md, "Fuzzing").
 */
class ParserFuzzTest {
  /** 16 float32 ones, little-endian: the external data file of the ONNX target. */
  private static final byte[] EXTERNAL_DATA = new byte[64];

  static {
    for (int i = 0; i < EXTERNAL_DATA.length; i += 4) {
      EXTERNAL_DATA[i + 2] = (byte) 0x80;
      EXTERNAL_DATA[i + 3] = 0x3F;
    }
  }

  private static Path dir;

  @AfterAll
  static void deleteScratchFolder() throws IOException {
    if (dir != null) {
      try (Stream<Path> files = Files.walk(dir)) {
        for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
          Files.deleteIfExists(p);
        }
      }
    }
  }

  @DictionaryEntries({
      "\"dtype\"", "\"shape\"", "\"data_offsets\"", "\"__metadata__\"", "\"F32\"", "\"F16\"", "\"BF16\"", "\"I64\"",
      "\"U8\"", "\"F64\""})
  @FuzzTest(maxDuration = "5m")
  @Timeout(value = 10, unit = TimeUnit.SECONDS, threadMode = ThreadMode.SEPARATE_THREAD)
  void safetensors(byte[] data) {
    try (SafetensorsFile f = SafetensorsFile.open(scratch("model.safetensors", data))) {
      f.metadata().size();
      for (SafetensorsFile.Tensor t : f.tensors()) {
        if (SafetensorsFile.tableDtype(t.dtype()) != null) {
          try {
            exercise(f.readTable(t.name()));
          } catch (EmbeddingFormatException e) {
            // A tensor that is no table (a scalar, no values, non-finite values): allowed.
          }
        }
      }
    } catch (IOException e) {
      // EmbeddingFormatException or another IOException: the allowed outcome for bad input.
    }
  }

  /** Initializers may keep their data in a file beside the model: a 64-byte {@code data.bin} is there. */
  @DictionaryEntries({
      "embeddings.word_embeddings.weight", "word_embeddings.weight", "embed_tokens.weight", "location", "offset",
      "length", "data.bin"})
  @FuzzTest(maxDuration = "5m")
  @Timeout(value = 10, unit = TimeUnit.SECONDS, threadMode = ThreadMode.SEPARATE_THREAD)
  void onnx(byte[] data) {
    scratch("data.bin", EXTERNAL_DATA);
    try (OnnxInitializers o = OnnxInitializers.open(scratch("model.onnx", data))) {
      for (OnnxInitializers.Initializer i : o.initializers()) {
        try {
          exercise(o.readTable(i.name()));
        } catch (EmbeddingFormatException e) {
          // Not a table, or a malformed one: allowed.
        }
      }
      o.wordEmbeddings(0);
    } catch (IOException e) {
      // As above.
    }
  }

  @DictionaryEntries({
      "GGUF", "token_embd.weight", "tokenizer.ggml.tokens", "tokenizer.ggml.token_type", "tokenizer.ggml.model",
      "general.alignment"})
  @FuzzTest(maxDuration = "5m")
  @Timeout(value = 10, unit = TimeUnit.SECONDS, threadMode = ThreadMode.SEPARATE_THREAD)
  void gguf(byte[] data) {
    try (GgufFile g = GgufFile.open(scratch("model.gguf", data))) {
      g.metadata().size();
      for (GgufFile.GgufTensor t : g.tensors()) {
        try {
          exercise(g.readTable(t.name()));
        } catch (EmbeddingFormatException e) {
          // Not a table, or a malformed one: allowed.
        }
      }
      try {
        g.tokenTypes();
        g.tokens();
      } catch (EmbeddingFormatException e) {
        // No vocabulary, or a malformed one: allowed.
      }
      exercise(g.tokenEmbeddings().vectors());
    } catch (IOException e) {
      // As above.
    }
  }

  @DictionaryEntries({
      "\"model_type\"", "\"vocab_size\"", "\"hidden_size\"", "\"n_embd\"", "\"d_model\"", "\"embeddings4j\"",
      "\"token_table\"", "\"position_table\"", "\"token_type_table\"", "\"bert\"", "\"gpt2\"", "\"qwen2\"",
      "\"llama\""})
  @FuzzTest(maxDuration = "5m")
  @Timeout(value = 10, unit = TimeUnit.SECONDS, threadMode = ThreadMode.SEPARATE_THREAD)
  void modelConfig(byte[] data) {
    try {
      ModelConfig c = ModelConfig.read(scratch("config.json", data));
      c.family();
    } catch (IOException e) {
      // As above.
    }
  }

  /**
   * Reads the vocabulary (Java), then encodes with the native tokenizer built from the same file; the native
   * library refusing a file (or failing to apply it) is documented as an {@link EmbeddingException} from encode.
   */
  @DictionaryEntries({
      "\"model\"", "\"vocab\"", "\"added_tokens\"", "\"decoder\"", "\"decoders\"", "\"type\"", "\"content\"",
      "\"id\"", "\"ByteLevel\"", "\"Metaspace\"", "\"Replace\"", "\"pattern\"", "\"String\"", "\"WordLevel\"",
      "\"BPE\"", "\"Unigram\"", "\"WordPiece\"", "\"merges\"", "\"unk_token\"", "\"pre_tokenizer\"", "\"Whitespace\""})
  @FuzzTest(maxDuration = "5m")
  @Timeout(value = 10, unit = TimeUnit.SECONDS, threadMode = ThreadMode.SEPARATE_THREAD)
  void tokenizer(byte[] data) {
    try (HfTokenizer t = HfTokenizer.open(scratch("tokenizer.json", data))) {
      Vocabulary v = t.vocabulary();
      for (int i = 0; i < v.size(); i++) {
        t.readable(v.token(i));
      }
      try {
        t.encode("the bank is near the river", true);
      } catch (EmbeddingException e) {
        // The native library cannot load or apply the file: documented on encode.
      }
    } catch (IOException e) {
      // As above.
    }
  }

  /**
   * A model folder: the input is config.json, a NUL byte, then model.safetensors; tokenizer.json is a fixed
   * 16-token word-level tokenizer.
   */
  @DictionaryEntries({
      "\"model_type\"", "\"vocab_size\"", "\"bert\"", "\"gpt2\"", "\"embeddings4j\"", "\"token_table\"",
      "\"position_table\"", "\"dtype\"", "\"shape\"", "\"data_offsets\"", "\"F32\"", "\"BF16\"",
      "\"embeddings.word_embeddings.weight\"", "\"embeddings.position_embeddings.weight\"", "\"wte.weight\"",
      "\"wpe.weight\""})
  @FuzzTest(maxDuration = "5m")
  @Timeout(value = 10, unit = TimeUnit.SECONDS, threadMode = ThreadMode.SEPARATE_THREAD)
  void modelFolder(byte[] data) {
    int split = 0;
    while (split < data.length && data[split] != 0) {
      split++;
    }
    scratch("config.json", Arrays.copyOfRange(data, 0, split));
    scratch("tokenizer.json", Fixtures.tinyTokenizer(16).getBytes(StandardCharsets.UTF_8));
    scratch("model.safetensors", Arrays.copyOfRange(data, Math.min(split + 1, data.length), data.length));
    try (TokenEmbeddings e = TokenEmbeddings.open(dir)) {
      exercise(e.vectors());
      try {
        e.embed("the bank is near the river");
      } catch (UnknownTokenException u) {
        // Documented on embed: a token whose id is past a table smaller than the tokenizer's vocabulary.
        if (e.vectors().rows() >= e.tokenizer().orElseThrow().vocabulary().size()) {
          throw u;
        }
      }
      e.positions().ifPresent(ParserFuzzTest::exercise);
      if (e.hasPositions()) {
        try {
          e.embedWithPositions("the bank");
        } catch (EmbeddingException x) {
          // Documented: a text longer than the position table, or a token past a smaller table (as above).
        }
      }
    } catch (IOException e) {
      // As above.
    }
  }

  private static Path scratch(String name, byte[] data) {
    try {
      if (dir == null) {
        dir = Files.createTempDirectory("embeddings4j-fuzz");
      }
      return Files.write(dir.resolve(name), data);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the fuzz scratch file", e);
    }
  }

  /** Reads every row: mapped tables fail here, not later in a user's code. */
  private static void exercise(VectorTable table) {
    float[] row = table.rows() == 0 ? null : new float[table.dimension()];
    for (int i = 0; i < table.rows(); i++) {
      table.row(i, row);
      table.norm(i);
    }
  }
}
