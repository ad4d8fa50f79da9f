// Small building blocks every screen shares. Text is always rendered as text (Preact escapes it):
// file names and metadata are the uploader's, never markup.
import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { api, nextStep } from './api.js';

/** A problem as the API put it, with what to do next; announced to screen readers. */
export function ProblemView({ problem, onDismiss }) {
  if (!problem) return null;
  const next = nextStep(problem);
  return (
    <div class="problem" role="alert" data-code={problem.code}>
      <p class="problem-title">
        <strong>{problem.title}</strong>
        {problem.status ? <span class="muted"> ({problem.status} {problem.code})</span> : null}
      </p>
      {problem.detail ? <p class="problem-detail">{problem.detail}</p> : null}
      {next ? <p class="problem-next">{next}</p> : null}
      {onDismiss ? (
        <button type="button" class="link" onClick={onDismiss}>
          Dismiss
        </button>
      ) : null}
    </div>
  );
}

/** Runs load() now and whenever deps change; answers {data, problem, loading, reload, setData}. */
export function useAsync(load, deps) {
  const [state, setState] = useState({ data: undefined, problem: null, loading: true });
  const generation = useRef(0);
  const run = useCallback(() => {
    const mine = ++generation.current;
    setState((s) => ({ ...s, loading: true }));
    Promise.resolve()
      .then(load)
      .then(
        (data) => mine === generation.current && setState({ data, problem: null, loading: false }),
        (problem) => mine === generation.current && setState((s) => ({ ...s, problem, loading: false })),
      );
  }, deps);
  useEffect(run, [run]);
  const setData = useCallback((update) => setState((s) => ({ ...s, data: typeof update === 'function' ? update(s.data) : update })), []);
  return { ...state, reload: run, setData };
}

/**
 * An action the user starts (a save, a send, a delete): run(label, action) marks it busy (busy is the
 * label, or true without one, and false while idle), clears the last problem, awaits action() and
 * answers its value; a problem it throws is kept in `problem`, handed to onProblem, and answered as
 * undefined. Answers {busy, problem, setProblem, run}; setProblem for a screen's own problems.
 */
export function useAction({ onProblem } = {}) {
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState(null);
  const handler = useRef(onProblem);
  handler.current = onProblem;
  const run = useCallback(async (label, action) => {
    setBusy(label || true);
    setProblem(null);
    try {
      return await action();
    } catch (p) {
      setProblem(p);
      handler.current?.(p);
      return undefined;
    } finally {
      setBusy(false);
    }
  }, []);
  return { busy, problem, setProblem, run };
}

/**
 * A cursor-paged list of the API ({items, next} pages of `path` with `query`): the first page now and
 * whenever `query` changes (items null until it is there) or reload() is called (the rows stay shown
 * meanwhile), the next page on loadMore(). Answers {items, next, problem, loadingMore, loadMore, reload}.
 */
export function usePages(path, query) {
  const key = path + '?' + JSON.stringify(query);
  const [state, setState] = useState({ key, items: null, next: null, problem: null, loadingMore: false });
  const [generation, setGeneration] = useState(0);
  useEffect(() => {
    let stale = false;
    setState((s) => (s.key === key ? s : { key, items: null, next: null, problem: null, loadingMore: false }));
    api(path, { query }).then(
      (page) => !stale && setState({ key, items: page.items ?? [], next: page.next ?? null, problem: null, loadingMore: false }),
      (problem) => !stale && setState((s) => ({ ...s, problem })),
    );
    return () => {
      stale = true;
    };
  }, [key, generation]);
  const loadMore = useCallback(async () => {
    setState((s) => ({ ...s, loadingMore: true }));
    try {
      const page = await api(path, { query: { ...query, cursor: state.next } });
      setState((s) => (s.key === key ? { ...s, items: [...s.items, ...(page.items ?? [])], next: page.next ?? null, loadingMore: false } : s));
    } catch (problem) {
      setState((s) => ({ ...s, problem, loadingMore: false }));
    }
  }, [key, state.next]);
  const reload = useCallback(() => setGeneration((g) => g + 1), []);
  return { items: state.key === key ? state.items : null, next: state.next, problem: state.problem, loadingMore: state.loadingMore, loadMore, reload };
}

/** The "Load more" button of a usePages list, shown while there is a next page. */
export function LoadMore({ pages }) {
  if (!pages.next) return null;
  return (
    <div class="actions">
      <button type="button" onClick={pages.loadMore} disabled={pages.loadingMore}>
        {pages.loadingMore ? 'Loading…' : 'Load more'}
      </button>
    </div>
  );
}

export function Loading({ what = 'Loading' }) {
  return (
    <p class="loading" role="status" aria-live="polite">
      {what}…
    </p>
  );
}

export function StateBadge({ state }) {
  return <span class={`state state-${String(state).toLowerCase()}`}>{String(state).replaceAll('_', ' ')}</span>;
}

export function ProgressBar({ value, label, max = 100 }) {
  return <progress class="bar" max={max} value={value ?? undefined} aria-label={label} />;
}

const UNITS = ['B', 'KB', 'MB', 'GB', 'TB'];
export function formatBytes(bytes) {
  if (bytes === null || bytes === undefined || Number.isNaN(bytes)) return '–';
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < UNITS.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${value.toFixed(unit === 0 || value >= 100 ? 0 : 1)} ${UNITS[unit]}`;
}

export function formatDuration(seconds) {
  if (seconds === null || seconds === undefined || !Number.isFinite(seconds)) return '–';
  const s = Math.max(0, Math.round(seconds));
  if (s < 60) return `${s} s`;
  if (s < 3600) return `${Math.floor(s / 60)} min ${s % 60} s`;
  return `${Math.floor(s / 3600)} h ${Math.floor((s % 3600) / 60)} min`;
}

const DATE_TIME = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'medium' });
export function formatTime(iso) {
  if (!iso) return '–';
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? String(iso) : DATE_TIME.format(date);
}

export function Time({ at }) {
  return <time dateTime={at ?? undefined}>{formatTime(at)}</time>;
}

/**
 * A modal confirmation (the native dialog: focus kept inside, Escape goes back). The way out says
 * "Go back" by default, never "Cancel", which reads as the action when the action is a cancel.
 */
export function ConfirmDialog({ open, title, children, confirmLabel = 'Confirm', cancelLabel = 'Go back', onConfirm, onCancel, busy }) {
  const dialog = useRef(null);
  useEffect(() => {
    const d = dialog.current;
    if (!d) return;
    if (open && !d.open) d.showModal();
    if (!open && d.open) d.close();
  }, [open]);
  return (
    <dialog ref={dialog} class="dialog" aria-labelledby="dialog-title" onCancel={(e) => (e.preventDefault(), onCancel?.())}>
      <h2 id="dialog-title">{title}</h2>
      <div class="dialog-body">{children}</div>
      <div class="actions">
        <button type="button" onClick={onCancel}>
          {cancelLabel}
        </button>
        <button type="button" class="primary" disabled={busy} onClick={onConfirm}>
          {confirmLabel}
        </button>
      </div>
    </dialog>
  );
}

/** Whether the signed-in caller holds any of the roles. */
export function hasRole(me, ...roles) {
  return !!me && roles.some((role) => me.roles?.includes(role));
}
