package io.fileparser.upload;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.Singleton;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The threads on which an upload's checks (the virus scan, the format's validation) run beside its
 * storing. A check gets a thread of its own or none: with every thread busy, {@link #start} says so
 * and the upload runs that check after storing instead, as it always could. Never a queue: a check
 * waiting in one would hold its upload, whose bytes nobody reads, until the stall limit.
 */
@Singleton
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class UploadChecks {

  @Resource(lookup = "concurrent/parserThreads")
  ManagedThreadFactory threads;

  /** Checks running at once on this instance (two per large upload: scan and validation). */
  @Inject
  @ConfigProperty(name = "fileparser.upload.check-threads", defaultValue = "32")
  int maxThreads;

  private ThreadPoolExecutor executor;

  /**
   * The contents ({@code tenant/sha256}) whose late verdict threads here wait for, with how many
   * (two uploads of the same bytes may each wait for their own).
   */
  private final Map<String, Integer> following = new ConcurrentHashMap<>();

  // Named apart from start(Callable): the container finds a lifecycle method by its name.
  @PostConstruct
  void createThreads() {
    executor =
        new ThreadPoolExecutor(
            0,
            Math.max(1, maxThreads),
            30,
            TimeUnit.SECONDS,
            new SynchronousQueue<>(),
            threads,
            new ThreadPoolExecutor.AbortPolicy());
  }

  @PreDestroy
  void stopThreads() {
    executor.shutdownNow();
  }

  /**
   * Runs {@code follow}, which waits for the late verdict on a tenant's content and applies it, on
   * a thread of its own; answers false when none is free. While it runs, {@link #isFollowed} says
   * so, and the rescan of waiting files leaves that content to it.
   */
  public boolean follow(String tenantId, String sha256, Runnable follow) {
    String content = tenantId + "/" + sha256;
    following.merge(content, 1, Integer::sum);
    Optional<Future<Object>> started =
        start(
            () -> {
              try {
                follow.run();
              } finally {
                unfollow(content);
              }
              return null;
            });
    if (started.isEmpty()) {
      unfollow(content);
    }
    return started.isPresent();
  }

  /** Whether a thread of this instance waits for the late verdict on the tenant's content. */
  public boolean isFollowed(String tenantId, String sha256) {
    return following.containsKey(tenantId + "/" + sha256);
  }

  private void unfollow(String content) {
    following.computeIfPresent(content, (key, count) -> count == 1 ? null : count - 1);
  }

  /** Runs {@code check} on a thread of its own, or answers empty when none is free. */
  public <T> Optional<Future<T>> start(Callable<T> check) {
    try {
      return Optional.of(executor.submit(check));
    } catch (RejectedExecutionException e) {
      return Optional.empty();
    }
  }
}
