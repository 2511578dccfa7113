package io.github.embeddings4j.internal.simd;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

class PanelPlacementTest {
  private final PanelKernels panama = new PanamaPanelKernels();

  @Test
  void choosesAnEvenOffsetWithinTheSlackAndLeavesThePanelsAlone() {
    Random rnd = new Random(5);
    int rp = panama.rowPanel();
    for (int[] shape : new int[][] {{8, 7}, {16, 128}, {256, 1536}}) {
      int queries = shape[0];
      int length = shape[1];
      float[] quads = new float[queries * length];
      for (int i = 0; i < quads.length; i++) {
        quads[i] = (float) rnd.nextGaussian();
      }
      // Exactly the sizes the contract asks for: a timing call past them would throw.
      float[] panels = new float[rp * Math.min(length, 128) + PanelPlacement.SLACK];
      for (int i = 0; i < panels.length; i++) {
        panels[i] = (float) rnd.nextGaussian();
      }
      float[] before = panels.clone();
      float[] scratch = new float[Math.min(queries, 64) * rp];
      for (int current = 0; current <= PanelPlacement.SLACK; current += 2) {
        int chosen = PanelPlacement.choose(panama, panels, quads, queries, length, scratch, current);
        assertTrue(chosen >= 0 && chosen <= PanelPlacement.SLACK && chosen % 2 == 0, "offset " + chosen);
      }
      assertArrayEquals(before, panels, 0f);
    }
  }
}
