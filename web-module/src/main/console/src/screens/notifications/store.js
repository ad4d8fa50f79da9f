// The caller's unread count, shared by the bell and the feed: read once, raised by every live
// notification, lowered when one is marked read (here or, on a refocus, anywhere else).
import { api } from '../../api.js';
import { onLive } from '../../live.js';
import { onSessionChange } from '../../session.js';

let unread = null;
const listeners = new Set();
const feedListeners = new Set();
let started = false;

function set(value) {
  unread = Math.max(0, value);
  listeners.forEach((l) => l(unread));
}

export async function refreshCount() {
  try {
    set((await api('/notifications/count')).unread);
  } catch {
    // the bell keeps what it had; the feed shows the problem
  }
}

function start() {
  if (started) return;
  started = true;
  onLive((message) => {
    if (message.type !== 'notification' || !message.notification) return;
    set((unread ?? 0) + 1);
    feedListeners.forEach((l) => l(message.notification));
  });
  onSessionChange(() => {
    unread = null; // signed out or in as someone else: their count is read afresh
    listeners.forEach((l) => l(null));
  });
  addEventListener('visibilitychange', () => document.visibilityState === 'visible' && refreshCount());
  refreshCount();
}

/** Calls listener(count) now (if known) and on every change; answers the function that stops it. */
export function onUnread(listener) {
  start();
  listeners.add(listener);
  if (unread !== null) listener(unread);
  return () => listeners.delete(listener);
}

/** Calls listener(notification) for each notification arriving live. */
export function onNotification(listener) {
  start();
  feedListeners.add(listener);
  return () => feedListeners.delete(listener);
}

export function markedRead(n = 1) {
  if (unread !== null) set(unread - n);
}

export function markedAllRead() {
  set(0);
}
