import io.fileparser.upload.detection.ContentSniffer;
import io.fileparser.upload.detection.Detection;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * The cost of recognising one upload from its head: {@link ContentSniffer#detect(byte[], int)} on
 * each FILE's first {@link ContentSniffer#HEAD_SIZE} bytes, in microseconds of the thread's CPU
 * time per call (median and best of ROUNDS rounds of CALLS calls, after warm-up rounds). Compiled
 * and run by {@code run.py}, never by the build.
 *
 * <p>Usage: {@code DetectionBench ROUNDS CALLS FILE...}; prints one line per file: its name, the
 * detection, the median and the best.
 */
public final class DetectionBench {

  public static void main(String[] args) throws Exception {
    int rounds = Integer.parseInt(args[0]);
    int calls = Integer.parseInt(args[1]);
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    ContentSniffer sniffer = new ContentSniffer();
    for (int f = 2; f < args.length; f++) {
      byte[] file = Files.readAllBytes(Path.of(args[f]));
      byte[] head = Arrays.copyOf(file, Math.min(file.length, ContentSniffer.HEAD_SIZE));
      Detection detection = null;
      for (int w = 0; w < Math.max(3, rounds / 2) * calls; w++) {
        detection = sniffer.detect(head, head.length, file.length > head.length);
      }
      double[] micros = new double[rounds];
      for (int r = 0; r < rounds; r++) {
        long start = threads.getCurrentThreadCpuTime();
        for (int c = 0; c < calls; c++) {
          detection = sniffer.detect(head, head.length, file.length > head.length);
        }
        micros[r] = (threads.getCurrentThreadCpuTime() - start) / 1000.0 / calls;
      }
      Arrays.sort(micros);
      System.out.printf(
          "%s\t%s\t%.1f\t%.1f%n",
          Path.of(args[f]).getFileName(),
          detection.mimeType() + (detection.format() == null ? "" : " " + detection.format()),
          micros[rounds / 2],
          micros[0]);
    }
  }
}
