// What the admin sections share: refreshing on live events (tenant callers) or on a slow timer
// (the operator, who has no event stream), the operator's tenant filter, outcome summaries.
import { useEffect, useRef, useState } from 'preact/hooks';
import { onLive } from '../../live.js';
import { hasRole } from '../../ui.jsx';

export const isOperator = (me) => hasRole(me, 'operator') && !me.tenantId;

/**
 * Calls reload() when something changes: for a tenant's caller on live job events (debounced, and
 * only those `filter` accepts), and for everyone every `everyMs` while the tab is visible (the
 * operator has no live feed for the platform).
 */
export function useRefresh(me, reload, { everyMs = 15_000, filter = (m) => String(m.type).startsWith('job.'), debounceMs = 1500 } = {}) {
  const latest = useRef(reload);
  latest.current = reload;
  useEffect(() => {
    // The slow timer for everyone: the operator's only refresh, and for a tenant's caller the net
    // under the live events (some figures, such as a dead letter's listing, settle a moment after
    // the event that announced them).
    const slow = setInterval(() => {
      if (document.visibilityState === 'visible') latest.current();
    }, everyMs);
    if (!me.tenantId) return () => clearInterval(slow);
    let timer = null;
    const stop = onLive((message) => {
      if (!filter(message)) return;
      clearTimeout(timer);
      timer = setTimeout(() => latest.current(), debounceMs);
    });
    return () => (stop(), clearTimeout(timer), clearInterval(slow));
  }, [me.tenantId, everyMs]);
}

/** Re-renders every `ms` (ages that count up between refreshes). */
export function useNow(ms = 1000) {
  const [now, setNow] = useState(Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), ms);
    return () => clearInterval(timer);
  }, [ms]);
  return now;
}

/** The operator's "which tenant" field (blank: every tenant); nothing for a tenant's caller. */
export function TenantFilter({ me, value, onChange, id = 'tenant-filter' }) {
  if (!isOperator(me)) return null;
  return (
    <div>
      <label for={id}>Tenant</label>
      <input id={id} type="text" value={value} placeholder="every tenant" onChange={(e) => onChange(e.currentTarget.value.trim())} />
    </div>
  );
}

const REASONS = {
  not_dead_lettered: 'no longer dead-lettered',
};

/** What a bulk call (requeue, purge) did, item by item where something was skipped or failed. */
export function OutcomeSummary({ verb, result, onDismiss }) {
  if (!result) return null;
  const odd = (result.items ?? []).filter((i) => i.outcome !== 'done');
  return (
    <div class="outcome" role="status">
      <p>
        <strong>
          {verb}: {result.done} of {result.total}
        </strong>
        {result.skipped ? `, ${result.skipped} skipped` : ''}
        {result.failed ? `, ${result.failed} failed` : ''}.
      </p>
      {odd.length ? (
        <ul>
          {odd.slice(0, 20).map((item) => (
            <li key={item.jobId}>
              <code>{item.jobId}</code>: {item.outcome}
              {item.reason ? ` (${REASONS[item.reason] ?? item.reason})` : ''}
              {item.problem ? ` (${item.problem.title ?? item.problem.code})` : ''}
            </li>
          ))}
        </ul>
      ) : null}
      {onDismiss ? (
        <button type="button" class="link" onClick={onDismiss}>
          Dismiss
        </button>
      ) : null}
    </div>
  );
}

export function Stat({ label, value, hint }) {
  return (
    <div class="stat">
      <span class="stat-value">{value}</span>
      <span class="stat-label">{label}</span>
      {hint ? <span class="stat-hint muted">{hint}</span> : null}
    </div>
  );
}

export function UpdatedAt({ at, loading, onRefresh }) {
  return (
    <p class="updated muted">
      {loading ? 'Refreshing…' : at ? `Updated ${new Date(at).toLocaleTimeString()}` : ''}{' '}
      <button type="button" class="link" onClick={onRefresh}>
        Refresh
      </button>
    </p>
  );
}

/** A wide table's scrolling box, reachable by keyboard (arrow keys scroll it) and named. */
export function TableWrap({ label, children }) {
  return (
    <div class="table-wrap" tabIndex={0} role="region" aria-label={label}>
      {children}
    </div>
  );
}
