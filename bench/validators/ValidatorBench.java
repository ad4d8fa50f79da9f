package io.fileparser.upload.validation;

import io.fileparser.files.entity.FileFormat;
import io.fileparser.upload.detection.ContentSniffer;
import io.fileparser.upload.detection.Detection;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Throughput of the streaming validators on whole files held in memory, in MB/s (10^6 bytes per
 * second): {@link EncodingCheck} alone, {@link TextRecords} alone (records split and counted, no
 * column captured), and the validator {@link ContentSniffer} picks for the file ({@link
 * CsvValidator} or {@link CdrValidator}). Lives in the validators' package to reach the
 * package-private stages; compiled and run by {@code run.py}, never by the build.
 *
 * <p>Usage: {@code ValidatorBench ROUNDS FILE...}. Each stage runs ROUNDS times per file after
 * {@code max(3, ROUNDS/2)} warm-up runs; the median and best round are printed, by wall clock and
 * by the thread's CPU time (which other processes on a busy machine disturb less).
 */
public final class ValidatorBench {

  private interface Stage {
    Object run(byte[] bytes) throws IOException;
  }

  public static void main(String[] args) throws Exception {
    int rounds = Integer.parseInt(args[0]);
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    System.out.printf(
        "%-28s %-14s %9s %9s %9s %9s  %s%n",
        "file", "stage", "wall-med", "wall-best", "cpu-med", "cpu-best", "result");
    for (int f = 1; f < args.length; f++) {
      Path file = Path.of(args[f]);
      byte[] bytes = Files.readAllBytes(file);
      Detection d = new ContentSniffer().detect(bytes, Math.min(bytes.length, 64 * 1024));
      ValidationLimits limits = ValidationLimits.defaults();
      List<String> names = new ArrayList<>();
      List<Stage> stages = new ArrayList<>();
      names.add("EncodingCheck");
      stages.add(
          b -> {
            EncodingCheck check = new EncodingCheck();
            for (int off = 0; off < b.length; off += 64 * 1024) {
              check.feed(b, off, Math.min(64 * 1024, b.length - off));
            }
            return check.finish();
          });
      int delimiter = d.dialect() == null ? ',' : d.dialect().delimiter();
      names.add("TextRecords");
      stages.add(
          b -> {
            TextRecords records = new TextRecords(new ByteArrayInputStream(b), delimiter, limits);
            long n = 0;
            while (records.next()) {
              n++;
            }
            return n + " records, " + records.encoding();
          });
      if (d.format() == FileFormat.CDR) {
        names.add("CdrValidator");
        stages.add(
            b ->
                new CdrValidator()
                    .validate(new ByteArrayInputStream(b), d.layout(), d.dialect(), limits));
      } else if (d.dialect() != null) {
        names.add("CsvValidator");
        stages.add(
            b -> new CsvValidator().validate(new ByteArrayInputStream(b), d.dialect(), limits));
      }
      for (int s = 0; s < stages.size(); s++) {
        Stage stage = stages.get(s);
        Object result = null;
        for (int w = 0; w < Math.max(3, rounds / 2); w++) {
          result = stage.run(bytes);
        }
        double[] mbs = new double[rounds];
        double[] cpu = new double[rounds];
        for (int r = 0; r < rounds; r++) {
          long c0 = threads.getCurrentThreadCpuTime();
          long t0 = System.nanoTime();
          result = stage.run(bytes);
          mbs[r] = bytes.length / 1e6 / ((System.nanoTime() - t0) / 1e9);
          cpu[r] = bytes.length / 1e6 / ((threads.getCurrentThreadCpuTime() - c0) / 1e9);
        }
        Arrays.sort(mbs);
        Arrays.sort(cpu);
        String shown = String.valueOf(result);
        System.out.printf(
            "%-28s %-14s %9.0f %9.0f %9.0f %9.0f  %s%n",
            file.getFileName(),
            names.get(s),
            mbs[rounds / 2],
            mbs[rounds - 1],
            cpu[rounds / 2],
            cpu[rounds - 1],
            shown.substring(0, Math.min(70, shown.length())));
      }
    }
  }
}
