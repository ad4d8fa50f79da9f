package io.fileparser.it;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The IT domain's {@code server.log}, read from a mark: what the server logged while a test ran.
 * Payara writes the log from a queue, so {@link #since} waits until the file stops growing.
 */
final class ServerLog {

  private final Path file;
  private final long mark;

  private ServerLog(Path file, long mark) {
    this.file = file;
    this.mark = mark;
  }

  /** Marks the current end of the log, after letting what is queued be written. */
  static ServerLog mark() {
    Path file =
        TestEnvironment.varDir()
            .resolve("payara6/glassfish/domains")
            .resolve(TestEnvironment.domain())
            .resolve("logs/server.log");
    return new ServerLog(file, settledSize(file));
  }

  /**
   * What was logged since the mark. If the log was rotated meanwhile (Payara rotates at 2 MB), the
   * whole new file, which then holds everything written since the rotation.
   */
  String since() {
    long end = settledSize(file);
    long from = end < mark ? 0 : mark;
    try (RandomAccessFile in = new RandomAccessFile(file.toFile(), "r")) {
      byte[] bytes = new byte[(int) (end - from)];
      in.seek(from);
      in.readFully(bytes);
      return new String(bytes, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The records logged since the mark, each with its continuation lines (message, stack trace). A
   * record starts with its timestamp in brackets, as Payara's ODL format writes it.
   */
  List<String> records() {
    List<String> records = new ArrayList<>();
    StringBuilder record = null;
    for (String line : since().split("\n")) {
      if (line.matches("\\[\\d{4}-\\d{2}-\\d{2}T.*")) {
        if (record != null) {
          records.add(record.toString());
        }
        record = new StringBuilder(line);
      } else if (record != null) {
        record.append('\n').append(line);
      }
    }
    if (record != null) {
      records.add(record.toString());
    }
    return records;
  }

  private static long settledSize(Path file) {
    try {
      long size = Files.size(file);
      long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
      while (System.nanoTime() < deadline) {
        Thread.sleep(500);
        long now = Files.size(file);
        if (now == size) {
          return size;
        }
        size = now;
      }
      return size;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
