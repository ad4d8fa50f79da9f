// Bulk actions on the selected jobs through POST /jobs/bulk: a dry run first (what would change, what is
// skipped and why, what would fail), then the real run; a large one (202) is followed by its
// bulk.progress events until it completes.
import { useState } from 'preact/hooks';
import { api } from '../../api.js';
import { onLive } from '../../live.js';
import { ConfirmDialog, ProblemView, ProgressBar, useAction } from '../../ui.jsx';
import { bulkFilter, REASONS } from './model.js';

const ACTIONS = [
  ['cancel', 'Cancel'],
  ['retry', 'Retry'],
  ['delete', 'Delete'],
  ['reprioritize', 'Change priority'],
];
const DONE_WORDS = { cancel: 'cancelled', retry: 'retried', delete: 'deleted', reprioritize: 'reprioritised' };

function groupBy(items, key) {
  const groups = new Map();
  for (const item of items) {
    const k = key(item);
    groups.set(k, [...(groups.get(k) ?? []), item]);
  }
  return [...groups];
}

/** The outcome of a dry run or a run: counts, and the skipped and failed jobs by reason. */
function Outcome({ op, nameOf, dry }) {
  const skipped = (op.items ?? []).filter((i) => i.outcome === 'skipped');
  const failed = (op.items ?? []).filter((i) => i.outcome === 'failed');
  return (
    <div class="bulk-outcome">
      <p>
        <strong>{op.done}</strong> of {op.total} {op.total === 1 ? 'job' : 'jobs'} {dry ? 'would be' : 'were'}{' '}
        {DONE_WORDS[op.action] ?? op.action}; <strong>{op.skipped}</strong> skipped, <strong>{op.failed}</strong> refused.
      </p>
      {skipped.length ? (
        <>
          <h3>Skipped</h3>
          <ul>
            {groupBy(skipped, (i) => i.reason).map(([reason, items]) => (
              <li key={reason}>
                {REASONS[reason] ?? reason} ({items.length}): <span class="bulk-names">{items.slice(0, 5).map((i) => nameOf(i.jobId)).join(', ')}{items.length > 5 ? ', …' : ''}</span>
              </li>
            ))}
          </ul>
        </>
      ) : null}
      {failed.length ? (
        <>
          <h3>Refused</h3>
          <ul>
            {groupBy(failed, (i) => i.problem?.code ?? 'error').map(([code, items]) => (
              <li key={code}>
                {code} ({items.length}): {items[0].problem?.detail} <span class="bulk-names">({items.slice(0, 5).map((i) => nameOf(i.jobId)).join(', ')}{items.length > 5 ? ', …' : ''})</span>
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </div>
  );
}

/**
 * Waits for an operation answered 202 (state RUNNING) to complete: its bulk.progress events report the
 * batches (onProgress), then its items are read a page at a time. A small one answered 200 is complete.
 */
async function settle(op, onProgress) {
  if (op.state !== 'RUNNING' || !op.operationId) return op;
  const path = `/jobs/bulk/operations/${op.operationId}`;
  await new Promise((resolve, reject) => {
    let stop = () => {};
    const finish = (fn) => (value) => (stop(), clearInterval(check), fn(value));
    stop = onLive((message) => {
      if (message.type !== 'bulk.progress' || message.operationId !== op.operationId) return;
      onProgress(message.data ?? {});
      if (message.data?.state === 'COMPLETED') finish(resolve)();
    });
    // An operation that completed before this tab heard of it, or a dropped connection, is read once in a
    // while (the events are what moves the bar).
    const check = setInterval(
      () =>
        api(path, { query: { limit: 1 } }).then((now) => {
          if (now.state === 'COMPLETED') finish(resolve)();
        }, finish(reject)),
      5000,
    );
  });
  let items = [];
  let after = -1;
  let answer;
  do {
    answer = await api(path, { query: { afterPosition: after, limit: 1000 } });
    items = items.concat(answer.items ?? []);
    after = answer.next;
  } while (after !== undefined && after !== null && items.length < 20_000);
  return { ...answer, items };
}

export function BulkBar({ selected, nameOf, onClear, onChanged, filters, total }) {
  const [action, setAction] = useState('cancel');
  const [priority, setPriority] = useState('9');
  const [preview, setPreview] = useState(null);
  const { busy, problem, setProblem, run: perform } = useAction();
  const [running, setRunning] = useState(null); // {action, dryRun, percent, processed, total}
  const [result, setResult] = useState(null);
  const [everyMatch, setEveryMatch] = useState(false);
  const ids = [...selected];
  const count = everyMatch ? total ?? 0 : ids.length;

  const body = (dryRun) => ({
    action,
    ...(everyMatch ? { filter: bulkFilter(filters) } : { jobIds: ids }),
    dryRun,
    ...(action === 'reprioritize' ? { priority: Number(priority) } : {}),
  });

  async function send(dryRun) {
    const first = await api('/jobs/bulk', { method: 'POST', body: body(dryRun) });
    if (first.state === 'RUNNING') setRunning({ action, dryRun, total: first.total, processed: 0, percent: 0 });
    try {
      return await settle(first, (d) => setRunning((r) => ({ ...r, ...d })));
    } finally {
      setRunning(null);
    }
  }

  function runPreview(e) {
    e.preventDefault();
    setResult(null);
    return perform(null, async () => setPreview(await send(true)));
  }

  function run() {
    return perform(null, async () => {
      setPreview(null);
      const done = await send(false);
      setResult(done);
      onChanged?.(done);
    });
  }

  const label = ACTIONS.find(([a]) => a === action)[1];
  return (
    <section class="bulk" aria-label="Bulk actions">
      <form class="toolbar bulk-form" onSubmit={runPreview}>
        <p class="bulk-count" aria-live="polite">
          {everyMatch ? `all ${total ?? ''} matching` : `${ids.length} selected`}
        </p>
        <div class="bulk-scope">
          <input id="bulk-every" type="checkbox" checked={everyMatch} onChange={(e) => setEveryMatch(e.currentTarget.checked)} />
          <label for="bulk-every">Every job matching the filters{total !== null && total !== undefined ? ` (${total})` : ''}</label>
        </div>
        <div>
          <label for="bulk-action">Action</label>
          <select id="bulk-action" value={action} onChange={(e) => setAction(e.currentTarget.value)}>
            {ACTIONS.map(([value, text]) => (
              <option key={value} value={value}>
                {text}
              </option>
            ))}
          </select>
        </div>
        {action === 'reprioritize' ? (
          <div>
            <label for="bulk-priority">New priority (0-9)</label>
            <input id="bulk-priority" type="number" min="0" max="9" value={priority} onInput={(e) => setPriority(e.currentTarget.value)} />
          </div>
        ) : null}
        <button type="submit" class="primary" disabled={!count || busy}>
          Preview {label.toLowerCase()}…
        </button>
        <button type="button" onClick={onClear} disabled={!ids.length || busy}>
          Clear selection
        </button>
      </form>
      <ProblemView problem={problem} onDismiss={() => setProblem(null)} />
      {running ? (
        <div class="bulk-running" role="status">
          <p>
            {running.dryRun ? 'Checking' : 'Running'} {ACTIONS.find(([a]) => a === running.action)?.[1].toLowerCase()}: {running.processed ?? 0} of{' '}
            {running.total} jobs handled
          </p>
          <ProgressBar value={running.percent ?? 0} label="Bulk operation progress" />
        </div>
      ) : busy ? (
        <p class="muted" role="status">
          Working…
        </p>
      ) : null}
      {result ? (
        <div class="bulk-result" role="status">
          <Outcome op={result} nameOf={nameOf} dry={false} />
          <button type="button" class="link" onClick={() => setResult(null)}>
            Dismiss
          </button>
        </div>
      ) : null}
      <ConfirmDialog
        open={!!preview}
        title={`${label}: preview`}
        confirmLabel={preview ? `${label} ${preview.done} ${preview.done === 1 ? 'job' : 'jobs'}` : label}
        busy={busy || !preview?.done}
        onCancel={() => setPreview(null)}
        onConfirm={run}
      >
        {preview ? <Outcome op={preview} nameOf={nameOf} dry /> : null}
      </ConfirmDialog>
    </section>
  );
}
