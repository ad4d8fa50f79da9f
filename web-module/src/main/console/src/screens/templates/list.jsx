// The template list with filters and cursor paging, export of the tenant's templates as one bundle,
// and import of a bundle (admins and owners) after a dry run that shows what it would do.
import { useState } from 'preact/hooks';
import { api, download } from '../../api.js';
import { link, navigate } from '../../router.js';
import { hasRole, Loading, ProblemView, StateBadge, Time, useAction, usePages, LoadMore } from '../../ui.jsx';

export function TemplateList({ me, query }) {
  const format = ['CSV', 'PDF', 'CDR'].includes(query.format) ? query.format : '';
  const state = query.state === 'ARCHIVED' ? 'ARCHIVED' : 'ACTIVE';
  const kind = ['tenant', 'system'].includes(query.kind) ? query.kind : '';
  const { items, next, problem: listProblem, loadingMore, loadMore: more, reload } = usePages('/templates', { format, state, limit: 50 });
  const { busy: exporting, problem, run } = useAction();

  const filter = (change) => navigate(link('templates', { format, state: state === 'ACTIVE' ? '' : state, kind, ...change }), { replace: true });
  const exportAll = () =>
    run(null, () => download('/templates/export', { accept: 'application/json', filename: `templates-${me.tenantId}-${new Date().toISOString().slice(0, 10)}.json` }));
  // The tenant's own templates first, then the built-in ones, each in the API's order.
  const shown = (items ?? []).filter((t) => !kind || (kind === 'system') === !!t.system).sort((a, b) => Number(a.system) - Number(b.system));

  return (
    <section aria-labelledby="templates-title">
      <h1 id="templates-title">Templates</h1>
      <p class="muted">
        A template says how a layout is read. Versions are immutable: an edit makes a draft, publishing makes it current. System templates are
        built in and read-only; copy one to change it.
      </p>
      <div class="toolbar">
        <div>
          <label for="tpl-format">Format</label>
          <select id="tpl-format" value={format} onChange={(e) => filter({ format: e.currentTarget.value })}>
            <option value="">All</option>
            <option value="CSV">CSV</option>
            <option value="CDR">CDR</option>
            <option value="PDF">PDF</option>
          </select>
        </div>
        <div>
          <label for="tpl-kind">Kind</label>
          <select id="tpl-kind" value={kind} onChange={(e) => filter({ kind: e.currentTarget.value })}>
            <option value="">Tenant and system</option>
            <option value="tenant">The tenant's</option>
            <option value="system">System</option>
          </select>
        </div>
        <div>
          <label for="tpl-state">State</label>
          <select id="tpl-state" value={state} onChange={(e) => filter({ state: e.currentTarget.value === 'ACTIVE' ? '' : e.currentTarget.value })}>
            <option value="ACTIVE">Active</option>
            <option value="ARCHIVED">Archived</option>
          </select>
        </div>
        <div class="toolbar-end">
          <button type="button" onClick={exportAll} disabled={exporting}>
            {exporting ? 'Exporting…' : 'Export all active'}
          </button>
        </div>
      </div>
      <ProblemView problem={problem ?? listProblem} />
      {items === null ? (
        problem || listProblem ? null : <Loading what="Loading the templates" />
      ) : (
        <>
          <p role="status" class="muted">
            {shown.length} {shown.length === 1 ? 'template' : 'templates'}
            {next ? ' so far' : ''}.
          </p>
          <div class="table-wrap" role="region" aria-label="Templates" tabIndex={0}>
            <table>
              <caption class="sr-only">Templates</caption>
              <thead>
                <tr>
                  <th scope="col">Name</th>
                  <th scope="col">Kind</th>
                  <th scope="col">Format</th>
                  <th scope="col">State</th>
                  <th scope="col" class="num">Current</th>
                  <th scope="col" class="num">Draft</th>
                  <th scope="col">Updated</th>
                </tr>
              </thead>
              <tbody>
                {shown.map((t) => (
                  <tr key={t.id}>
                    <td class="name-cell">
                      <a href={link('templates', t.id)}>{t.name}</a>
                    </td>
                    <td>{t.system ? 'system' : 'tenant'}</td>
                    <td>{t.format}</td>
                    <td>
                      <StateBadge state={t.state} />
                    </td>
                    <td class="num">{t.currentVersion ? `v${t.currentVersion}` : '–'}</td>
                    <td class="num">{t.draftVersion ? `v${t.draftVersion}` : '–'}</td>
                    <td>
                      <Time at={t.updatedAt} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <LoadMore pages={{ next, loadingMore, loadMore: more }} />
        </>
      )}
      {hasRole(me, 'admin', 'owner') ? <ImportBundle onImported={reload} /> : null}
    </section>
  );
}

const OUTCOME_HELP = {
  CREATED: 'a new template with the bundle’s versions',
  UPDATED: 'the versions it lacks are added',
  UNCHANGED: 'already the same here',
  CONFLICT: 'nothing changed: the histories differ',
  SKIPPED: 'not imported',
};

function ImportBundle({ onImported }) {
  const [text, setText] = useState(null);
  const [fileName, setFileName] = useState('');
  const [report, setReport] = useState(null);
  const { busy, problem, setProblem, run } = useAction();

  const send = (dryRun) =>
    run(dryRun ? 'Checking what the import would do' : 'Importing', async () => {
      const r = await api('/templates/import', {
        method: 'POST',
        query: dryRun ? { dryRun: 'true' } : {},
        body: text,
        headers: { 'Content-Type': 'application/json' },
      });
      setReport(r);
      if (!dryRun) onImported();
    });
  const pick = async (e) => {
    const file = e.currentTarget.files?.[0];
    setReport(null);
    setProblem(null);
    if (!file) return setText(null);
    setFileName(file.name);
    const content = await file.text();
    try {
      JSON.parse(content);
    } catch {
      setText(null);
      setProblem({ title: 'Not a bundle', detail: `${file.name} is not JSON.`, code: 'malformed_json' });
      return;
    }
    setText(content);
  };

  return (
    <section class="card import" aria-labelledby="import-title">
      <h2 id="import-title">Import a bundle</h2>
      <p class="muted">
        A bundle exported here or elsewhere: templates the tenant lacks are created, known ones get the versions they lack, and a template whose
        history differs is reported, never overwritten. Check first what it would do.
      </p>
      <label for="import-file">Bundle file (JSON)</label>
      <input id="import-file" type="file" accept="application/json,.json" onChange={pick} />
      <div class="actions">
        <button type="button" onClick={() => send(true)} disabled={!text || !!busy}>
          Check (dry run)
        </button>
        <button type="button" class="primary" onClick={() => send(false)} disabled={!text || !!busy || !report?.dryRun}>
          Import
        </button>
      </div>
      {busy ? <Loading what={busy} /> : null}
      <ProblemView problem={problem} />
      {report ? (
        <div class="import-report" role="status">
          <p>
            <strong>{report.dryRun ? `Dry run of ${fileName}: nothing changed yet.` : `Imported ${fileName}.`}</strong> {report.created} created,{' '}
            {report.updated} updated, {report.unchanged} unchanged, {report.conflicts} in conflict.
          </p>
          {report.templates?.length ? (
            <div class="table-wrap" role="region" aria-label="Import report" tabIndex={0}>
              <table>
                <caption class="sr-only">Import report</caption>
                <thead>
                  <tr>
                    <th scope="col">Template</th>
                    <th scope="col">Outcome</th>
                    <th scope="col" class="num">Versions added</th>
                    <th scope="col">Detail</th>
                  </tr>
                </thead>
                <tbody>
                  {report.templates.map((t, i) => (
                    <tr key={i}>
                      <td>{t.templateId && !report.dryRun ? <a href={link('templates', t.templateId)}>{t.name}</a> : t.name}</td>
                      <td>
                        <StateBadge state={t.outcome} />
                      </td>
                      <td class="num">{t.versionsAdded ?? 0}</td>
                      <td>
                        {t.detail || OUTCOME_HELP[t.outcome] || ''}
                        {t.conflict ? ` (${t.conflict}${t.differsAt ? `, at version ${t.differsAt}` : ''})` : ''}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          ) : null}
        </div>
      ) : null}
    </section>
  );
}
