// What changed between two versions of a template, member by member and field by field.
import { useEffect, useState } from 'preact/hooks';
import { api } from '../../api.js';
import { Loading, ProblemView } from '../../ui.jsx';

export function show(value) {
  if (value === undefined) return '(absent)';
  if (value === null) return 'null';
  return typeof value === 'object' ? JSON.stringify(value) : String(value);
}

export function DiffView({ path, versions, template }) {
  const numbers = versions.map((v) => v.version);
  const [from, setFrom] = useState(() => (template.draftVersion && template.currentVersion ? template.currentVersion : numbers[numbers.length - 2]));
  const [to, setTo] = useState(() => template.draftVersion ?? numbers[numbers.length - 1]);
  const [diff, setDiff] = useState(null);
  const [problem, setProblem] = useState(null);

  useEffect(() => {
    if (!from || !to || from === to) return setDiff(null);
    let stale = false;
    setDiff(undefined);
    setProblem(null);
    api(`${path}/diff`, { query: { from, to } }).then(
      (d) => !stale && setDiff(d),
      (p) => !stale && (setProblem(p), setDiff(null)),
    );
    return () => {
      stale = true;
    };
  }, [from, to]);

  return (
    <section aria-labelledby="diff-title">
      <h2 id="diff-title">Compare versions</h2>
      {numbers.length < 2 ? (
        <p class="muted">Only one version so far: an edit makes a draft to compare.</p>
      ) : (
        <>
          <div class="toolbar">
            <div>
              <label for="diff-from">From</label>
              <select id="diff-from" value={from} onChange={(e) => setFrom(Number(e.currentTarget.value))}>
                {numbers.map((n) => (
                  <option key={n} value={n}>
                    v{n}
                  </option>
                ))}
              </select>
            </div>
            <div>
              <label for="diff-to">To</label>
              <select id="diff-to" value={to} onChange={(e) => setTo(Number(e.currentTarget.value))}>
                {numbers.map((n) => (
                  <option key={n} value={n}>
                    v{n}
                  </option>
                ))}
              </select>
            </div>
          </div>
          <ProblemView problem={problem} />
          {from === to ? <p class="muted">Pick two different versions.</p> : null}
          {diff === undefined ? <Loading what="Comparing" /> : diff ? <DiffTables diff={diff} /> : null}
        </>
      )}
    </section>
  );
}

function DiffTables({ diff }) {
  const rows = [];
  for (const c of diff.changed ?? []) rows.push({ scope: 'template', member: c.member, from: c.from, to: c.to, kind: 'changed' });
  for (const name of diff.addedFields ?? []) rows.push({ scope: name, member: 'field', from: undefined, to: 'added', kind: 'added' });
  for (const name of diff.removedFields ?? []) rows.push({ scope: name, member: 'field', from: 'present', to: undefined, kind: 'removed' });
  for (const f of diff.changedFields ?? []) for (const m of f.members ?? []) rows.push({ scope: f.name, member: m.member, from: m.from, to: m.to, kind: 'changed' });
  const summary = [
    `${(diff.changedFields ?? []).length} ${(diff.changedFields ?? []).length === 1 ? 'field' : 'fields'} changed`,
    `${(diff.addedFields ?? []).length} added`,
    `${(diff.removedFields ?? []).length} removed`,
    `${(diff.changed ?? []).length} template ${(diff.changed ?? []).length === 1 ? 'member' : 'members'} changed`,
  ].join(', ');
  if (!rows.length) return <p role="status">Versions {diff.from} and {diff.to} are the same.</p>;
  return (
    <>
      <p role="status" class="diff-summary">
        v{diff.from} → v{diff.to}: {summary}.
      </p>
      <div class="table-wrap" role="region" aria-label="Changes between the versions" tabIndex={0}>
        <table class="diff">
          <caption class="sr-only">
            Changes from version {diff.from} to version {diff.to}
          </caption>
          <thead>
            <tr>
              <th scope="col">Field</th>
              <th scope="col">Member</th>
              <th scope="col">v{diff.from}</th>
              <th scope="col">v{diff.to}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r, i) => (
              <tr key={i} class={`diff-${r.kind}`}>
                <th scope="row">{r.scope === 'template' ? <em>template</em> : r.scope}</th>
                <td>{r.member}</td>
                <td class="before">
                  <code>{r.kind === 'added' ? '–' : show(r.from)}</code>
                </td>
                <td class="after">
                  <code>{r.kind === 'removed' ? 'removed' : r.kind === 'added' ? 'added' : show(r.to)}</code>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}
