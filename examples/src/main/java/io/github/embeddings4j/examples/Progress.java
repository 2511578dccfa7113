package io.github.embeddings4j.examples;

import java.io.Console;
import java.util.Locale;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * Progress bars in the terminal for the steps that take more than a second (loading, training), or none at all
 * (tests, {@code --quiet}).
 */
public interface Progress {

  /** No bars at all. */
  Progress NONE = (task, max, unit) -> new Bar() {
    @Override
    public void stepTo(long done) {}

    @Override
    public void message(String text) {}

    @Override
    public void close() {}
  };

  /** Bars drawn on standard error by the progressbar library, redrawn every 200 ms. */
  Progress TERMINAL = (task, max, unit) -> {
    ProgressBar bar = new ProgressBarBuilder().setTaskName(task).setInitialMax(max).setUnit(unit.name, unit.size)
        .setStyle(ProgressBarStyle.ASCII).setUpdateIntervalMillis(200).continuousUpdate().build();
    return new Bar() {
      @Override
      public void stepTo(long done) {
        bar.stepTo(done);
      }

      @Override
      public void message(String text) {
        bar.setExtraMessage(text);
      }

      @Override
      public void close() {
        bar.close();
      }
    };
  };

  /** For logs rather than terminals: one line when a task starts and one when it ends, on standard error. */
  Progress LINES = (task, max, unit) -> {
    long t0 = System.nanoTime();
    System.err.println(task + "...");
    return new Bar() {
      private String last = "";

      @Override
      public void stepTo(long done) {}

      @Override
      public void message(String text) {
        last = text;
      }

      @Override
      public void close() {
        System.err.printf(Locale.ROOT, "%s: done in %.1f s%s%n", task, (System.nanoTime() - t0) / 1e9,
            last.isEmpty() ? "" : " (" + last + ")");
      }
    };
  };

  /**
   * Returns bars when the program runs in a terminal, lines otherwise (a log, a pipe, CI).
   *
   * @return {@link #TERMINAL} or {@link #LINES}
   */
  static Progress forConsole() {
    Console console = System.console();
    if (console == null) {
      return LINES;
    }
    // Since JDK 22 there is a console even when the streams are redirected; Console.isTerminal() tells.
    try {
      return (Boolean) Console.class.getMethod("isTerminal").invoke(console) ? TERMINAL : LINES;
    } catch (NoSuchMethodException e) {
      return TERMINAL;
    } catch (ReflectiveOperationException e) {
      return LINES;
    }
  }

  /** What a bar counts. */
  enum Unit {
    /** Steps of work (or thousandths of it, for a fraction). */
    STEPS("", 1),
    /** Megabytes, counted in bytes. */
    MEGABYTES(" MB", 1 << 20);

    final String name;
    final long size;

    Unit(String name, long size) {
      this.name = name;
      this.size = size;
    }
  }

  /**
   * Starts a bar.
   *
   * @param task what is being done
   * @param max how much there is to do, or -1 when unknown (the bar then only shows the time passing)
   * @param unit what it counts
   * @return the bar; close it when the task ends
   */
  Bar start(String task, long max, Unit unit);

  /** One running bar. */
  interface Bar extends AutoCloseable {
    /**
     * Moves the bar.
     *
     * @param done how much is done, in the bar's unit
     */
    void stepTo(long done);

    /**
     * Shows a short text after the bar.
     *
     * @param text the text
     */
    void message(String text);

    /** Ends the bar. */
    @Override
    void close();
  }
}
