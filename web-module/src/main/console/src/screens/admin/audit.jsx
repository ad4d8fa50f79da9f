// The audit trail: search by action, actor, target and time, newest first; and (the operator)
// proof that the hash chain is unbroken.
import { useEffect, useRef, useState } from 'preact/hooks';
import { api } from '../../api.js';
import { Loading, ProblemView, Time, useAction } from '../../ui.jsx';
import { isOperator, TableWrap } from './common.jsx';

const EMPTY = { action: '', actor: '', targetType: '', targetId: '', from: '', to: '', tenantId: '' };

function iso(local) {
  if (!local) return undefined;
  const date = new Date(local);
  return Number.isNaN(date.getTime()) ? undefined : date.toISOString();
}

function details(text) {
  if (!text) return '';
  try {
    return JSON.stringify(JSON.parse(text), null, 2);
  } catch {
    return text;
  }
}

export function AuditSection({ me }) {
  const operator = isOperator(me);
  const [form, setForm] = useState(EMPTY);
  const [filters, setFilters] = useState(EMPTY);
  const [pages, setPages] = useState(null);
  const [problem, setProblem] = useState(null);
  const [loading, setLoading] = useState(false);

  const generation = useRef(0);
  async function load(cursor) {
    const mine = ++generation.current;
    setLoading(true);
    try {
      const query = { ...filters, from: iso(filters.from), to: iso(filters.to), tenantId: operator ? filters.tenantId : undefined, limit: 50, cursor };
      const page = await api('/admin/audit', { query });
      if (mine !== generation.current) return;
      setPages((prev) => (cursor && prev ? { items: [...prev.items, ...page.items], next: page.next } : page));
      setProblem(null);
    } catch (p) {
      setProblem(p);
    } finally {
      setLoading(false);
    }
  }
  useEffect(() => void load(), [filters]);
  const field = (name, label, type = 'text', placeholder) => (
    <div>
      <label for={`audit-${name}`}>{label}</label>
      <input id={`audit-${name}`} type={type} placeholder={placeholder} value={form[name]} onInput={(e) => setForm({ ...form, [name]: e.currentTarget.value })} />
    </div>
  );
  const items = pages?.items ?? [];
  return (
    <section aria-labelledby="audit-title">
      <h2 id="audit-title">Audit trail</h2>
      <ChainCheck me={me} />
      <form class="toolbar" onSubmit={(e) => (e.preventDefault(), setFilters({ ...form }))} aria-label="Search the audit trail">
        {field('action', 'Action', 'text', 'e.g. api_key.created')}
        {field('actor', 'Actor', 'text', 'e.g. user:alice')}
        {field('targetType', 'Target type', 'text', 'job, api_key, template')}
        {field('targetId', 'Target id')}
        {field('from', 'From', 'datetime-local')}
        {field('to', 'Before', 'datetime-local')}
        {operator ? field('tenantId', 'Tenant', 'text', 'every tenant') : null}
        <button type="submit" class="primary">
          Search
        </button>
        <button type="button" onClick={() => (setForm(EMPTY), setFilters(EMPTY))}>
          Clear
        </button>
      </form>
      <ProblemView problem={problem} />
      {!pages ? (
        problem ? null : <Loading what="Reading the audit trail" />
      ) : items.length ? (
        <TableWrap label="Audit records">
          <table class="audit">
            <caption class="sr-only">Audit records, newest first</caption>
            <thead>
              <tr>
                <th scope="col" class="num">#</th>
                <th scope="col">When</th>
                {operator ? <th scope="col">Tenant</th> : null}
                <th scope="col">Actor</th>
                <th scope="col">Action</th>
                <th scope="col">Target</th>
                <th scope="col">Details</th>
              </tr>
            </thead>
            <tbody>
              {items.map((r) => (
                <tr key={r.id}>
                  <td class="num">{r.id}</td>
                  <td>
                    <Time at={r.occurredAt} />
                  </td>
                  {operator ? <td>{r.tenantId === '*' ? 'platform' : r.tenantId}</td> : null}
                  <td class="wrap">{r.actor}</td>
                  <td>
                    <code>{r.action}</code>
                  </td>
                  <td class="wrap">
                    {r.targetType}
                    {r.targetId ? <span class="muted"> {r.targetId}</span> : null}
                  </td>
                  <td>
                    {r.details ? (
                      <details>
                        <summary>Details</summary>
                        <pre class="reply">{details(r.details)}</pre>
                        <p class="hash muted">hash {r.hash}</p>
                      </details>
                    ) : (
                      '–'
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      ) : (
        <p class="empty">No audit record matches.</p>
      )}
      {pages?.next ? (
        <button type="button" disabled={loading} onClick={() => load(pages.next)}>
          Show older records
        </button>
      ) : null}
    </section>
  );
}

const BROKEN = {
  hash_mismatch: 'the record was changed after it was written',
  prev_hash_mismatch: 'a record before it was removed or relinked',
  head_mismatch: 'records were removed from the end of the chain',
};

function ChainCheck({ me }) {
  const [result, setResult] = useState(null);
  const { busy, problem, run } = useAction();
  if (!isOperator(me)) {
    return <p class="muted">The platform operator verifies the hash chain of the whole trail.</p>;
  }
  function verify() {
    return run(null, async () => {
      setResult(null);
      setResult(await api('/admin/audit/verify'));
    });
  }
  return (
    <div class="card chain">
      <h3>Hash chain</h3>
      <p class="muted">Walks every record from the first to the head and recomputes its hash.</p>
      <button type="button" class="primary" disabled={busy} onClick={verify}>
        {busy ? 'Verifying…' : 'Verify the chain'}
      </button>
      {busy ? <progress class="bar" aria-label="Verifying the chain" /> : null}
      <div role="status">
        {result ? (
          result.intact ? (
            <p class="chain-ok">
              <strong>Intact:</strong> {result.checked} records checked, every hash matches. Last hash <code class="hash">{result.lastHash}</code>
            </p>
          ) : (
            <p class="chain-broken">
              <strong>Broken</strong> at record {result.firstBroken?.id} ({result.firstBroken?.reason}): {BROKEN[result.firstBroken?.reason] ?? 'it does not hash to its hash'}. {result.checked} records checked.
            </p>
          )
        ) : null}
      </div>
      <ProblemView problem={problem} />
    </div>
  );
}
