package io.github.embeddings4j.examples.report;

import java.awt.image.BufferedImage;
import java.util.HashSet;
import java.util.Set;

/** Pixel-level checks shared by the picture tests. */
public final class PictureChecks {

  private PictureChecks() {}

  /** The number of distinct RGB colours in the image, counted up to 10,000. */
  public static int distinctColours(BufferedImage image) {
    Set<Integer> colours = new HashSet<>();
    for (int y = 0; y < image.getHeight(); y++) {
      for (int x = 0; x < image.getWidth(); x++) {
        colours.add(image.getRGB(x, y) & 0xffffff);
        if (colours.size() >= 10_000) {
          return colours.size();
        }
      }
    }
    return colours.size();
  }
}
