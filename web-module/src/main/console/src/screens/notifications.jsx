// Notifications: the bell in the header (the unread count, raised live) and the caller's feed with
// read and unread, mark read, mark all read, and the opt-in to browser push.
import { useEffect, useRef, useState } from 'preact/hooks';
import { api } from '../api.js';
import { link } from '../router.js';
import { formatTime, Loading, ProblemView, Time, useAction } from '../ui.jsx';
import { markedAllRead, markedRead, onNotification, onUnread, refreshCount } from './notifications/store.js';
import { PushOptIn } from './notifications/push.jsx';
import './notifications.css';

export function NotificationBell({ me }) {
  const [count, setCount] = useState(null);
  const [announce, setAnnounce] = useState('');
  useEffect(() => {
    refreshCount(); // a new sign-in in this tab: the count is the new caller's
    return onUnread(setCount);
  }, []);
  useEffect(() => onNotification((n) => setAnnounce(`New notification: ${n.title ?? n.kind}`)), []);
  if (!me?.tenantId) return null;
  const label = count === null ? 'Notifications' : `Notifications, ${count} unread`;
  return (
    <>
      <a class="bell" href={link('notifications')} aria-label={label} title={label} data-unread={count ?? 0}>
        <svg aria-hidden="true" viewBox="0 0 24 24" width="20" height="20" focusable="false">
          <path d="M12 22a2.5 2.5 0 0 0 2.45-2h-4.9A2.5 2.5 0 0 0 12 22Zm7-6V11a7 7 0 0 0-5.5-6.84V3a1.5 1.5 0 0 0-3 0v1.16A7 7 0 0 0 5 11v5l-2 2v1h18v-1Z" fill="currentColor" />
        </svg>
        {count ? <span class="bell-count">{count > 99 ? '99+' : count}</span> : null}
      </a>
      <span class="sr-only" role="status" aria-live="polite">
        {announce}
      </span>
    </>
  );
}

const KINDS = {
  'job.completed': 'Completed',
  'job.failed': 'Failed',
  'job.dead_lettered': 'Dead-lettered',
  'job.needs_mapping': 'Needs mapping',
  'webhook.endpoint_disabled': 'Webhook disabled',
  'alert.fired': 'Alert',
  'alert.cleared': 'Alert cleared',
};

function target(n) {
  if (!n.jobId) return null;
  return n.kind === 'job.needs_mapping' ? link('mapping', n.jobId) : link('jobs', n.jobId);
}

export function NotificationsScreen({ me }) {
  if (!me.tenantId) {
    return (
      <div class="notifications">
        <h1>Notifications</h1>
        <p class="muted">Notifications tell a tenant's users about their jobs; the platform operator has none. Platform alerts are under Admin, Alerts.</p>
      </div>
    );
  }
  return <Feed me={me} />;
}

function Feed({ me }) {
  const [unreadOnly, setUnreadOnly] = useState(false);
  const [page, setPage] = useState(null); // {items, nextCursor}
  const [loading, setLoading] = useState(false);
  const [count, setCount] = useState(null);
  // The list's, a mark's and mark all's problems share one place.
  const { busy, problem, setProblem, run } = useAction();
  const [said, setSaid] = useState('');

  const generation = useRef(0);
  async function load(cursor) {
    const mine = ++generation.current;
    setLoading(true);
    try {
      const next = await api('/notifications', { query: { unread: unreadOnly ? 'true' : undefined, limit: 50, cursor } });
      if (mine !== generation.current) return;
      setPage((prev) => (cursor && prev ? { items: [...prev.items, ...next.items], nextCursor: next.nextCursor } : next));
      setProblem(null);
    } catch (p) {
      setProblem(p);
    } finally {
      setLoading(false);
    }
  }
  useEffect(() => void load(), [unreadOnly]);
  useEffect(() => onUnread(setCount), []);
  useEffect(() => {
    refreshCount();
    return onNotification((n) =>
      setPage((prev) => (prev && !prev.items.some((i) => i.id === n.id) ? { ...prev, items: [n, ...prev.items] } : prev)),
    );
  }, []);

  async function markRead(n) {
    setProblem(null);
    try {
      await api(`/notifications/${encodeURIComponent(n.id)}/read`, { method: 'POST' });
      const at = new Date().toISOString();
      setPage((prev) => ({ ...prev, items: unreadOnly ? prev.items.filter((i) => i.id !== n.id) : prev.items.map((i) => (i.id === n.id ? { ...i, readAt: at } : i)) }));
      markedRead(1);
      setSaid(`Marked “${n.title ?? KINDS[n.kind] ?? n.kind}” read.`);
    } catch (p) {
      setProblem(p);
    }
  }

  function markAll() {
    return run(null, async () => {
      const result = await api('/notifications/read-all', { method: 'POST' });
      markedAllRead();
      setSaid(`Marked ${result?.marked ?? 'every'} notification${result?.marked === 1 ? '' : 's'} read.`);
      await load();
    });
  }

  const items = page?.items ?? [];
  return (
    <div class="notifications">
      <h1>Notifications</h1>
      <div class="toolbar">
        <div class="checks">
          <input id="unread-only" type="checkbox" checked={unreadOnly} onChange={(e) => setUnreadOnly(e.currentTarget.checked)} />
          <label for="unread-only">Unread only</label>
        </div>
        <button type="button" disabled={busy || !count} onClick={markAll}>
          {busy ? 'Marking…' : 'Mark all read'}
        </button>
        <span class="muted">{count === null ? '' : `${count} unread`}</span>
      </div>
      <p role="status" class="said">
        {said}
      </p>
      <ProblemView problem={problem} onDismiss={() => setProblem(null)} />
      {!page ? (
        problem ? null : <Loading what="Reading your notifications" />
      ) : items.length ? (
        <ul class="feed" aria-label="Your notifications, newest first">
          {items.map((n) => {
            const href = target(n);
            return (
              <li key={n.id} class={n.readAt ? 'read' : 'unread'}>
                <div class="feed-head">
                  <span class={`kind kind-${String(n.kind).replace(/[^a-z_]/g, '-')}`}>{KINDS[n.kind] ?? n.kind}</span>
                  {!n.readAt ? <span class="badge">unread</span> : null}
                  <Time at={n.createdAt} />
                </div>
                <p class="feed-title">{href ? <a href={href}>{n.title ?? n.kind}</a> : n.title ?? n.kind}</p>
                {n.message ? <p class="feed-message">{n.message}</p> : null}
                {!n.readAt ? (
                  <button type="button" class="link" onClick={() => markRead(n)}>
                    Mark read<span class="sr-only">: {n.title ?? n.kind}, {formatTime(n.createdAt)}</span>
                  </button>
                ) : null}
              </li>
            );
          })}
        </ul>
      ) : (
        <p class="empty">{unreadOnly ? 'Nothing unread.' : 'No notifications yet: they come when your jobs complete, fail or need a mapping.'}</p>
      )}
      {page?.nextCursor ? (
        <button type="button" disabled={loading} onClick={() => load(page.nextCursor)}>
          Show older
        </button>
      ) : null}
      <PushOptIn />
    </div>
  );
}
