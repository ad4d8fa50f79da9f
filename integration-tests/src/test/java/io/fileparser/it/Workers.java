package io.fileparser.it;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * Real Celery parse workers (worker/start) on the IT domain's Redis database, with the test hooks
 * on ({@code simulate} in a job's metadata). Each has its own node name and stops with the test.
 */
final class Workers implements AutoCloseable {

  private final String name;

  private Workers(String name) {
    this.name = name;
  }

  static Workers start() {
    return start(2);
  }

  static Workers start(int concurrency) {
    return start(concurrency, java.util.Map.of());
  }

  /**
   * Workers that hold a table no template fits for a person to map (the worker's default mapping
   * threshold), where the other system tests' workers read it as it is (the threshold 0 the test
   * run sets in its environment).
   */
  static Workers startHoldingForMapping(int concurrency) {
    return start(concurrency, java.util.Map.of("PARSER_MAPPING_THRESHOLD", ""));
  }

  private static Workers start(int concurrency, java.util.Map<String, String> environment) {
    Workers worker = new Workers("it-" + UUID.randomUUID().toString().substring(0, 8));
    run(
        environment,
        "worker/start",
        "--name",
        worker.name,
        "--redis",
        TestEnvironment.redisUri(),
        "--concurrency",
        Integer.toString(concurrency),
        "--store-root",
        FileStore.root().toString(),
        "--test-hooks");
    return worker;
  }

  /** kill -9 of the whole worker, pool processes included: nothing gets to clean up. */
  void kill() {
    long pid = pid();
    ProcessHandle.of(pid)
        .ifPresent(
            main -> {
              main.descendants().forEach(ProcessHandle::destroyForcibly);
              main.destroyForcibly();
            });
  }

  long pid() {
    try {
      return Long.parseLong(
          Files.readString(TestEnvironment.varDir().resolve("workers/" + name + ".pid")).strip());
    } catch (IOException e) {
      throw new IllegalStateException("worker " + name + " has no pid file", e);
    }
  }

  String name() {
    return name;
  }

  @Override
  public void close() {
    run(java.util.Map.of(), "worker/stop", "--name", name, "--quiet");
  }

  private static void run(
      java.util.Map<String, String> environment, String script, String... args) {
    Path root = TestEnvironment.varDir().getParent();
    String[] command = new String[args.length + 1];
    command[0] = root.resolve(script).toString();
    System.arraycopy(args, 0, command, 1, args.length);
    try {
      ProcessBuilder builder = new ProcessBuilder(command).directory(root.toFile()).inheritIO();
      builder.environment().putAll(environment);
      Process process = builder.start();
      if (!process.waitFor(90, TimeUnit.SECONDS) || process.exitValue() != 0) {
        throw new IllegalStateException(String.join(" ", command) + " failed");
      }
    } catch (IOException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
