// Dead letters: jobs whose every attempt failed, with their last failure; re-queued as new
// attempts or purged (deleted), by selection or all that match the filter.
import { useEffect, useRef, useState } from 'preact/hooks';
import { api } from '../../api.js';
import { link } from '../../router.js';
import { ConfirmDialog, Loading, ProblemView, Time, useAction } from '../../ui.jsx';
import { isOperator, OutcomeSummary, TenantFilter, UpdatedAt, useRefresh, TableWrap } from './common.jsx';

const FORMATS = ['', 'PDF', 'CSV', 'CDR', 'UNKNOWN'];

export function DeadLettersSection({ me }) {
  const operator = isOperator(me);
  const [tenant, setTenant] = useState('');
  const [format, setFormat] = useState('');
  const [pages, setPages] = useState(null); // {items, next}
  const [loading, setLoading] = useState(true);
  const [selected, setSelected] = useState(new Set());
  const [confirm, setConfirm] = useState(null); // {action, all}
  // The list's problems and the actions' share one place; a failed action closes its dialog.
  const { busy, problem, setProblem, run } = useAction({ onProblem: () => setConfirm(null) });
  const [result, setResult] = useState(null);
  const [at, setAt] = useState(null);

  const filters = () => ({ tenantId: operator ? tenant : undefined, format: format || undefined });

  const generation = useRef(0);
  async function load(cursor) {
    const mine = ++generation.current;
    setLoading(true);
    try {
      const page = await api('/admin/queue/dead-letters', { query: { ...filters(), limit: 50, cursor } });
      if (mine !== generation.current) return;
      setPages((prev) => (cursor && prev ? { items: [...prev.items, ...page.items], next: page.next } : page));
      // a refresh (every 10 s, or on a new dead letter) keeps what is still listed selected
      if (!cursor) setSelected((s) => new Set(page.items.map((i) => i.jobId).filter((id) => s.has(id))));
      setProblem(null);
      setAt(Date.now());
    } catch (p) {
      setProblem(p);
    } finally {
      setLoading(false);
    }
  }
  useEffect(() => void load(), [tenant, format]);
  useRefresh(me, () => load(), { everyMs: 10_000, filter: (m) => m.type === 'job.dead_lettered' });

  function act() {
    const { action, all } = confirm;
    return run(null, async () => {
      const body = all ? { all: true, ...filters() } : { jobIds: [...selected] };
      const outcome = await api(`/admin/queue/dead-letters/${action}`, { method: 'POST', body });
      setResult({ verb: action === 'requeue' ? 'Re-queued' : 'Purged', outcome });
      setConfirm(null);
      await load();
    });
  }

  function toggle(id, on) {
    setSelected((s) => {
      const next = new Set(s);
      if (on) next.add(id);
      else next.delete(id);
      return next;
    });
  }

  const items = pages?.items ?? [];
  const allSelected = items.length > 0 && items.every((i) => selected.has(i.jobId));
  return (
    <section aria-labelledby="dl-title">
      <h2 id="dl-title">Dead letters</h2>
      <p class="muted">Jobs whose every attempt failed for a reason outside the file (a worker lost, a time limit, storage away). Re-queue them once the cause is fixed, or purge them.</p>
      <div class="toolbar">
        <TenantFilter me={me} value={tenant} onChange={setTenant} id="dl-tenant" />
        <div>
          <label for="dl-format">Format</label>
          <select id="dl-format" value={format} onChange={(e) => setFormat(e.currentTarget.value)}>
            {FORMATS.map((f) => (
              <option key={f} value={f}>
                {f || 'any'}
              </option>
            ))}
          </select>
        </div>
      </div>
      <UpdatedAt at={at} loading={loading} onRefresh={() => load()} />
      <OutcomeSummary verb={result?.verb} result={result?.outcome} onDismiss={() => setResult(null)} />
      <ProblemView problem={problem} onDismiss={() => setProblem(null)} />
      <div class="actions">
        <button type="button" class="primary" disabled={!selected.size || busy} onClick={() => setConfirm({ action: 'requeue', all: false })}>
          Re-queue selected ({selected.size})
        </button>
        <button type="button" class="danger" disabled={!selected.size || busy} onClick={() => setConfirm({ action: 'purge', all: false })}>
          Purge selected
        </button>
        <button type="button" disabled={!items.length || busy} onClick={() => setConfirm({ action: 'requeue', all: true })}>
          Re-queue all{format ? ` ${format}` : ''}
        </button>
        <button type="button" disabled={!items.length || busy} onClick={() => setConfirm({ action: 'purge', all: true })}>
          Purge all{format ? ` ${format}` : ''}
        </button>
      </div>
      {!pages ? (
        <Loading what="Reading the dead letters" />
      ) : items.length ? (
        <TableWrap label="Dead letters">
          <table class="dead-letters">
            <caption class="sr-only">Dead-lettered jobs, newest first</caption>
            <thead>
              <tr>
                <th scope="col">
                  <input type="checkbox" aria-label="Select every dead letter shown" checked={allSelected} onChange={(e) => setSelected(e.currentTarget.checked ? new Set(items.map((i) => i.jobId)) : new Set())} />
                </th>
                <th scope="col">File</th>
                {operator ? <th scope="col">Tenant</th> : null}
                <th scope="col">Format</th>
                <th scope="col" class="num">Attempts</th>
                <th scope="col">Last failure</th>
                <th scope="col">Dead-lettered</th>
              </tr>
            </thead>
            <tbody>
              {items.map((d) => (
                <tr key={d.jobId}>
                  <td>
                    <input type="checkbox" aria-label={`Select ${d.filename ?? d.jobId}`} checked={selected.has(d.jobId)} onChange={(e) => toggle(d.jobId, e.currentTarget.checked)} />
                  </td>
                  <td class="file">{me.tenantId ? <a href={link('jobs', d.jobId)}>{d.filename ?? d.jobId}</a> : d.filename ?? d.jobId}</td>
                  {operator ? <td>{d.tenantId}</td> : null}
                  <td>{d.format}</td>
                  <td class="num">{d.attempts}</td>
                  <td>
                    <strong>{d.failureCategory}</strong>
                    {d.failureMessage ? <span class="muted"> {d.failureMessage}</span> : null}
                  </td>
                  <td>
                    <Time at={d.deadLetteredAt} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      ) : (
        <p class="empty">No dead letters{format ? ` in ${format}` : ''}. Every failed attempt so far was retried to an end.</p>
      )}
      {pages?.next ? (
        <button type="button" disabled={loading} onClick={() => load(pages.next)}>
          Show more
        </button>
      ) : null}
      <ConfirmDialog
        open={!!confirm}
        busy={busy}
        title={confirm?.action === 'purge' ? 'Purge dead letters?' : 'Re-queue dead letters?'}
        confirmLabel={confirm?.action === 'purge' ? 'Purge' : 'Re-queue'}
        onConfirm={act}
        onCancel={() => setConfirm(null)}
      >
        <p>
          {confirm?.all
            ? `Every dead letter${format ? ` in ${format}` : ''}${operator && tenant ? ` of ${tenant}` : operator ? ' of every tenant' : ''}`
            : `${selected.size} selected dead letter${selected.size === 1 ? '' : 's'}`}{' '}
          {confirm?.action === 'purge'
            ? 'will be deleted with their files and results, as deleting a job does. This cannot be undone.'
            : 'will be sent to the workers again as a new attempt each.'}
        </p>
      </ConfirmDialog>
    </section>
  );
}
