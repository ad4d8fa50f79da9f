package io.fileparser.notifications;

import io.fileparser.broker.RedisConnection;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Publishes every committed notification to all application-server instances, one Redis pub/sub
 * message each, the way job events go ({@code EventFanout}); each instance hands it to the live
 * sockets of its recipient ({@link LiveNotifications}). When Redis is away the live message is
 * lost, not the notification: it is in the feed, and in the unread count.
 */
@ApplicationScoped
public class NotificationFanout {

  private static final Logger LOG = Logger.getLogger(NotificationFanout.class.getName());

  @Inject RedisConnection redis;

  void onRecorded(@Observes(during = TransactionPhase.AFTER_SUCCESS) NotificationRecorded event) {
    try {
      redis.pool().publish(channel(redis.database()), event.toJson());
    } catch (RuntimeException e) {
      LOG.log(Level.FINE, e, () -> "could not publish notification " + event.notification().id());
    }
  }

  /** The channel of one Redis database's notifications. */
  static String channel(int database) {
    return "fileparser." + database + ".notifications";
  }
}
