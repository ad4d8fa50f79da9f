package io.fileparser.notifications;

import io.fileparser.broker.RedisConnection;
import io.fileparser.broker.RedisSubscription;
import io.fileparser.security.Caller;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.logging.Logger;

/**
 * This instance's live listeners of notifications, by recipient, and the one Redis subscription
 * that feeds them (the same mechanism as job events: {@code LiveEvents}). Every instance hears
 * every notification ({@link NotificationFanout}) and hands it to the listeners of its recipient
 * only, e.g. each WebSocket that caller has open. A listener must take the message quickly (queue
 * or send asynchronously): it is called on the subscription's thread.
 */
@Startup
@Singleton
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class LiveNotifications {

  private static final Logger LOG = Logger.getLogger(LiveNotifications.class.getName());

  @Resource(lookup = "concurrent/parserThreads")
  ManagedThreadFactory threads;

  @Inject RedisConnection redis;

  private final Map<NotificationRecorded.Address, Set<Consumer<String>>> byRecipient =
      new ConcurrentHashMap<>();
  private RedisSubscription subscription;

  @PostConstruct
  void start() {
    subscription =
        RedisSubscription.start(
            threads,
            redis,
            "notifications",
            List.of(NotificationFanout.channel(redis.database())),
            (pattern, channel, message) -> deliver(message));
  }

  @PreDestroy
  void stop() {
    if (subscription != null) {
      subscription.stop();
    }
  }

  /**
   * Hands {@code recipient}'s notifications, as the JSON message of {@link
   * NotificationRecorded#toJson}, to {@code listener} until the returned handle is closed.
   */
  public AutoCloseable listen(String tenantId, String recipient, Consumer<String> listener) {
    NotificationRecorded.Address address = new NotificationRecorded.Address(tenantId, recipient);
    byRecipient.compute(
        address,
        (a, set) -> {
          Set<Consumer<String>> listeners = set == null ? ConcurrentHashMap.newKeySet() : set;
          listeners.add(listener);
          return listeners;
        });
    return () ->
        byRecipient.computeIfPresent(
            address,
            (a, set) -> {
              set.remove(listener);
              return set.isEmpty() ? null : set;
            });
  }

  /**
   * Hands the caller's notifications, and to an admin or owner those the tenant's admins share
   * (alerts), to {@code listener} until the returned handle is closed.
   */
  public AutoCloseable listen(Caller caller, Consumer<String> listener) {
    List<AutoCloseable> handles =
        NotificationFeed.recipients(caller).stream()
            .map(recipient -> listen(caller.tenantId(), recipient, listener))
            .toList();
    return () -> {
      for (AutoCloseable handle : handles) {
        handle.close();
      }
    };
  }

  void deliver(String message) {
    NotificationRecorded.addressOf(message)
        .ifPresentOrElse(
            address -> {
              Set<Consumer<String>> listeners = byRecipient.get(address);
              if (listeners != null) {
                listeners.forEach(listener -> listener.accept(message));
              }
            },
            () -> LOG.warning("ignored a notification message that is not one of ours"));
  }
}
