// One job's mapping: a card per column (profile, examples, ranked suggestions with their reasons, the
// target field picked or typed), the sample rows, a check of the draft before it is sent, and the
// API's workflow: members save and submit (the server checks the sample rows), admins approve or
// reject and may save the mapping as a template or a new version of one.
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { api } from '../../api.js';
import { onLive } from '../../live.js';
import { link } from '../../router.js';
import { ConfirmDialog, hasRole, Loading, ProblemView, StateBadge, Time, useAction } from '../../ui.jsx';
import { formatConfidence } from './queue.jsx';

const CUSTOM_TYPES = ['string', 'integer', 'decimal', 'date', 'datetime', 'duration', 'phone', 'currency'];
const FIELD_NAME = /^[A-Za-z][A-Za-z0-9_]{0,63}$/;
const FORMAT_HINTS = {
  date: '%Y-%m-%d, epoch',
  datetime: '%Y-%m-%d %H:%M:%S, epoch, epoch-ms',
  duration: 'seconds, milliseconds, hh:mm:ss',
  decimal: 'comma',
  currency: 'comma',
};

/** The person's choices per column, from a saved draft (columns, or a document's fields). */
function choicesFrom(view) {
  const choices = {};
  for (const column of view.columns ?? []) choices[column.name] = { field: '', type: '', format: '' };
  const columns = view.draft?.columns;
  if (columns) {
    for (const [name, value] of Object.entries(columns)) {
      if (!choices[name] || value === null) continue;
      if (typeof value === 'string') choices[name] = { field: value === 'other' ? '' : value, type: '', format: '' };
      else choices[name] = { field: value.field ?? '', type: value.type ?? '', format: value.format ?? '' };
    }
  } else if (view.draft?.fields) {
    for (const field of view.draft.fields) {
      const column = (view.columns ?? []).find(
        (c) => (field.locate?.header && c.name?.trim().toLowerCase() === field.locate.header.trim().toLowerCase()) || field.locate?.index === c.index,
      );
      if (column) choices[column.name] = { field: field.name, type: field.type ?? '', format: field.format ?? '' };
    }
  }
  return choices;
}

/** The draft the API takes: {columns: {header: field | {field, type, format} | null}}. */
function draftOf(view, choices, targets) {
  const columns = {};
  for (const column of view.columns ?? []) {
    const choice = choices[column.name] ?? {};
    const field = choice.field.trim();
    if (!field || field === 'other') {
      columns[column.name] = null;
      continue;
    }
    const known = targets.has(field);
    const format = choice.format.trim();
    if (known && !format) columns[column.name] = field;
    else {
      const value = { field };
      if (!known) value.type = choice.type || 'string';
      if (format) value.format = format;
      columns[column.name] = value;
    }
  }
  return { columns };
}

/** What can be told before the server checks the sample rows: per column, and for the whole mapping. */
function precheck(view, choices, targets) {
  const byColumn = {};
  const general = [];
  const used = new Map();
  let usesCallRecord = false;
  for (const column of view.columns ?? []) {
    const field = (choices[column.name]?.field ?? '').trim();
    if (!field || field === 'other') continue;
    const list = (byColumn[column.name] = []);
    if (!FIELD_NAME.test(field)) list.push('A field name starts with a letter and has only letters, digits and _ (up to 64).');
    if (used.has(field)) list.push(`"${field}" is already mapped from ${used.get(field)}.`);
    else used.set(field, column.name);
    if (targets.has(field)) usesCallRecord = true;
  }
  if (usesCallRecord) {
    for (const required of view.targetFields ?? []) {
      if (required.required && !used.has(required.name)) general.push(`Map a column to ${required.name}: a call-record mapping needs it.`);
    }
  }
  if (!used.size) general.push('Map at least one column.');
  return { byColumn, general, ok: !general.length && Object.values(byColumn).every((l) => !l.length) };
}

function problemsByColumn(problem) {
  const byColumn = {};
  const general = [];
  for (const p of problem?.body?.problems ?? []) {
    if (p.column) (byColumn[p.column] ??= []).push(p);
    else general.push(p);
  }
  return { byColumn, general };
}

export function MappingJob({ me, jobId }) {
  const [view, setView] = useState(null);
  const [loadProblem, setLoadProblem] = useState(null);
  const [choices, setChoices] = useState({});
  const [dirty, setDirty] = useState(false);
  const [notice, setNotice] = useState('');
  const [generation, setGeneration] = useState(0);
  const problemBox = useRef(null);
  // The problem shows above the columns it names: take the reader there.
  const { busy, problem, run: runAction } = useAction({ onProblem: () => setTimeout(() => problemBox.current?.focus(), 0) });

  const canEdit = hasRole(me, 'member', 'admin', 'owner');
  const canDecide = hasRole(me, 'admin', 'owner');

  useEffect(() => {
    let stale = false;
    api(`/mapping/${encodeURIComponent(jobId)}`).then(
      (v) => {
        if (stale) return;
        setView(v);
        setLoadProblem(null);
        if (!dirty) setChoices(choicesFrom(v));
      },
      (p) => !stale && setLoadProblem(p),
    );
    return () => {
      stale = true;
    };
  }, [jobId, generation]);

  // The job moving on (approved elsewhere, queued again, completed) shows without a reload.
  useEffect(() => {
    let timer = null;
    const stop = onLive((m) => {
      if (m.jobId !== jobId || !m.type?.startsWith('job.')) return;
      clearTimeout(timer);
      timer = setTimeout(() => setGeneration((g) => g + 1), 300);
    });
    return () => {
      clearTimeout(timer);
      stop();
    };
  }, [jobId]);

  const targets = useMemo(() => new Map((view?.targetFields ?? []).map((f) => [f.name, f])), [view]);
  const checked = useMemo(() => (view ? precheck(view, choices, targets) : null), [view, choices, targets]);
  const serverProblems = useMemo(() => problemsByColumn(problem), [problem]);

  if (loadProblem && !view) {
    return (
      <section>
        <p>
          <a href={link('mapping')}>← Mapping queue</a>
        </p>
        <h1>Mapping</h1>
        <ProblemView problem={loadProblem} />
      </section>
    );
  }
  if (!view) return <Loading what="Loading the mapping" />;

  const waiting = view.jobState === 'NEEDS_MAPPING';
  const editable = canEdit && waiting;
  const setChoice = (column, change) => {
    setChoices((c) => ({ ...c, [column]: { ...c[column], ...change } }));
    setDirty(true);
    setNotice('');
  };
  const useTopSuggestions = () => {
    const next = { ...choices };
    for (const column of view.columns ?? []) {
      const top = column.suggestions?.[0];
      if (top) next[column.name] = { field: top.field === 'other' ? '' : top.field, type: '', format: '' };
    }
    setChoices(next);
    setDirty(true);
  };

  const run = (what, action) =>
    runAction(what, () => {
      setNotice('');
      return action();
    });
  const saveDraft = () =>
    api(`/mapping/${encodeURIComponent(jobId)}`, { method: 'PUT', body: draftOf(view, choices, targets) }).then((v) => {
      setView(v);
      setDirty(false);
      return v;
    });
  const onSave = () => run('Saving the draft', async () => (await saveDraft(), setNotice('Draft saved.')));
  const onSubmit = () =>
    run('Checking the mapping against the sample rows', async () => {
      await saveDraft();
      const v = await api(`/mapping/${encodeURIComponent(jobId)}/submit`, { method: 'POST' });
      setView(v);
      setNotice(
        canDecide
          ? 'The mapping fits every sample row and is submitted. Approve it below.'
          : 'The mapping fits every sample row and is submitted: an admin approves it.',
      );
    });

  return (
    <section class="mapping-job" aria-labelledby="mapping-job-title">
      <p>
        <a href={link('mapping')}>← Mapping queue</a>
      </p>
      <h1 id="mapping-job-title" class="file-name">
        Map {view.filename || jobId}
      </h1>
      <dl class="facts mapping-facts">
        <dt>Mapping</dt>
        <dd>
          <StateBadge state={view.state} />
        </dd>
        <dt>Job</dt>
        <dd>
          <StateBadge state={view.jobState} /> <a href={link('jobs', jobId)}>Open the job</a>
        </dd>
        <dt>Format</dt>
        <dd>
          {view.format}
          {view.layout ? ` · ${view.layout}` : ''} · {view.hasHeader ? 'header line' : 'no header line'}
        </dd>
        <dt>Worker's confidence</dt>
        <dd>{formatConfidence(view.confidence)}</dd>
        {view.updatedBy ? (
          <>
            <dt>Last edit</dt>
            <dd>
              {view.updatedBy}, <Time at={view.updatedAt} />
            </dd>
          </>
        ) : null}
        {view.decidedBy ? (
          <>
            <dt>Decided</dt>
            <dd>
              {view.decidedBy}, <Time at={view.decidedAt} />
              {view.reason ? ` · ${view.reason}` : ''}
            </dd>
          </>
        ) : null}
        {view.savedTemplate ? (
          <>
            <dt>Saved as</dt>
            <dd>
              <SavedTemplateLink saved={view.savedTemplate} />
            </dd>
          </>
        ) : null}
      </dl>
      {!waiting ? (
        <p class="note" role="status">
          This job no longer waits for a mapping ({String(view.jobState).replaceAll('_', ' ').toLowerCase()}): the mapping is shown as it was
          decided.
        </p>
      ) : !canEdit ? (
        <p class="note">You can look at this mapping; members map the columns and admins approve.</p>
      ) : null}

      <div ref={problemBox} tabIndex={-1} class="problem-box">
        <ProblemView problem={problem} />
        {Object.keys(serverProblems.byColumn).length ? (
          <ul class="problem-links">
            {(view.columns ?? [])
              .filter((c) => serverProblems.byColumn[c.name])
              .map((c) => (
                <li key={c.index}>
                  <button type="button" class="link" onClick={() => document.getElementById(`col-${c.index}-field`)?.focus()}>
                    {c.name}
                  </button>
                  : {serverProblems.byColumn[c.name].length} {serverProblems.byColumn[c.name].length === 1 ? 'problem' : 'problems'}
                </li>
              ))}
          </ul>
        ) : null}
      </div>
      {!(view.columns ?? []).length && view.draft?.columns ? <DecidedMapping draft={view.draft} /> : null}
      {(view.columns ?? []).length ? <h2>Columns</h2> : null}
      {editable ? (
        <p class="muted">
          Pick a suggested field or type one: a call-record field ({[...targets.keys()].join(', ')}) or a name of your own with its type. An empty field
          leaves the column out.{' '}
          <button type="button" class="link" onClick={useTopSuggestions}>
            Use the top suggestion for every column
          </button>
        </p>
      ) : null}
      <datalist id="target-fields">
        {[...targets.values()].map((f) => (
          <option key={f.name} value={f.name}>
            {f.type}
            {f.required ? ', required' : ''}
          </option>
        ))}
      </datalist>
      <div class="map-columns">
        {(view.columns ?? []).map((column) => (
          <ColumnCard
            key={column.index}
            column={column}
            choice={choices[column.name] ?? { field: '', type: '', format: '' }}
            targets={targets}
            editable={editable}
            hints={checked?.byColumn[column.name] ?? []}
            problems={serverProblems.byColumn[column.name] ?? []}
            onChange={(change) => setChoice(column.name, change)}
          />
        ))}
      </div>

      <SampleRows view={view} problems={serverProblems.byColumn} />

      {editable ? (
        <section class="card submit-panel" aria-labelledby="check-title">
          <h2 id="check-title">Check and submit</h2>
          {checked.general.length ? (
            <ul class="hints">
              {checked.general.map((h) => (
                <li key={h}>{h}</li>
              ))}
            </ul>
          ) : (
            <p class="muted">Submitting checks the mapping against every sample row; problems show at their column.</p>
          )}
          {serverProblems.general.length ? (
            <ul class="field-problems">
              {serverProblems.general.map((p, i) => (
                <li key={i}>{p.message ?? p.code}</li>
              ))}
            </ul>
          ) : null}
          <div class="actions">
            <button type="button" onClick={onSave} disabled={!!busy}>
              Save draft
            </button>
            <button type="button" class="primary" onClick={onSubmit} disabled={!!busy || !checked.ok}>
              Check and submit
            </button>
          </div>
        </section>
      ) : null}
      {busy ? <Loading what={busy} /> : null}
      {notice ? (
        <p class="notice" role="status">
          {notice}
        </p>
      ) : null}
      {problem ? (
        <p class="field-problems" role="note">
          Not submitted: see the problem above the columns.
        </p>
      ) : null}
      {canDecide && waiting ? (
        <DecisionPanel view={view} jobId={jobId} dirty={dirty} onDecided={(v) => (setView(v), setDirty(false), setChoices(choicesFrom(v)))} />
      ) : null}
      {!canDecide && canEdit && waiting && view.state === 'SUBMITTED' && !dirty ? (
        <p class="note">Submitted: an admin or owner of the tenant approves it. Editing a column makes it a draft again.</p>
      ) : null}
    </section>
  );
}

function ColumnCard({ column, choice, targets, editable, hints, problems, onChange }) {
  const id = `col-${column.index}`;
  const field = choice.field.trim();
  const known = targets.get(field);
  const custom = field && field !== 'other' && !known;
  const type = known ? known.type : custom ? choice.type || 'string' : '';
  const formatHint = FORMAT_HINTS[type];
  const invalid = hints.length > 0 || problems.length > 0;
  return (
    <article class={`map-column card${invalid ? ' has-problem' : ''}`} aria-labelledby={`${id}-name`}>
      <h3 id={`${id}-name`} class="column-name">
        {column.name || `Column ${column.index + 1}`}
      </h3>
      <dl class="facts profile">
        <dt>Looks like</dt>
        <dd>{column.inferredType ?? '–'}</dd>
        <dt>Empty</dt>
        <dd>{column.nullRatio === undefined ? '–' : `${Math.round(column.nullRatio * 100)} %`}</dd>
        <dt>Distinct</dt>
        <dd>{column.distinct ?? '–'}</dd>
        <dt>Examples</dt>
        <dd>
          <ul class="examples">
            {(column.examples ?? []).map((e, i) => (
              <li key={i}>
                <code>{e}</code>
              </li>
            ))}
          </ul>
        </dd>
      </dl>
      {column.suggestions?.length ? (
        <div class="suggestions">
          <p class="suggestions-title" id={`${id}-sugg`}>
            Suggestions
          </p>
          <ol aria-labelledby={`${id}-sugg`}>
            {column.suggestions.map((s) => {
              const value = s.field === 'other' ? '' : s.field;
              const chosen = field === value || (s.field === 'other' && field === 'other');
              return (
                <li key={s.field}>
                  <button
                    type="button"
                    class={`suggestion${chosen ? ' chosen' : ''}`}
                    aria-pressed={chosen ? 'true' : 'false'}
                    disabled={!editable}
                    onClick={() => onChange({ field: value, type: '', format: '' })}
                  >
                    <span class="suggestion-field">{s.field === 'other' ? 'leave out' : s.field}</span>{' '}
                    <span class="suggestion-conf">{formatConfidence(s.confidence)}</span>
                    <span class="sr-only"> for {column.name}</span>
                  </button>
                  <span class="reason">{s.reason}</span>
                </li>
              );
            })}
          </ol>
        </div>
      ) : null}
      <div class="choice">
        <label for={`${id}-field`}>
          Field <span class="sr-only">for {column.name}</span>
        </label>
        <input
          id={`${id}-field`}
          list="target-fields"
          value={choice.field}
          placeholder="leave out"
          autocomplete="off"
          spellcheck={false}
          disabled={!editable}
          aria-invalid={invalid ? 'true' : undefined}
          aria-describedby={invalid ? `${id}-problems` : undefined}
          onInput={(e) => onChange({ field: e.currentTarget.value })}
        />
        {custom ? (
          <>
            <label for={`${id}-type`}>
              Type <span class="sr-only">of {field}</span>
            </label>
            <select id={`${id}-type`} value={choice.type || 'string'} disabled={!editable} onChange={(e) => onChange({ type: e.currentTarget.value })}>
              {CUSTOM_TYPES.map((t) => (
                <option key={t} value={t}>
                  {t}
                </option>
              ))}
            </select>
          </>
        ) : known ? (
          <p class="muted field-type">
            {known.type}
            {known.required ? ', required' : ''}
          </p>
        ) : null}
        {formatHint ? (
          <>
            <label for={`${id}-format`}>
              Format <span class="muted">(optional)</span>
              <span class="sr-only"> of {field}</span>
            </label>
            <input
              id={`${id}-format`}
              value={choice.format}
              placeholder={formatHint}
              autocomplete="off"
              spellcheck={false}
              disabled={!editable}
              onInput={(e) => onChange({ format: e.currentTarget.value })}
            />
          </>
        ) : null}
      </div>
      {invalid ? (
        <ul class="field-problems" id={`${id}-problems`}>
          {hints.map((h) => (
            <li key={h}>{h}</li>
          ))}
          {problems.map((p, i) => (
            <li key={i}>
              {p.row ? `Row ${p.row}: ` : ''}
              {p.message ?? p.code}
            </li>
          ))}
        </ul>
      ) : null}
    </article>
  );
}

function SampleRows({ view, problems }) {
  const rows = view.sampleRows ?? [];
  if (!rows.length) return null;
  const bad = new Set();
  for (const [column, list] of Object.entries(problems)) for (const p of list) if (p.row) bad.add(`${p.row}:${column}`);
  return (
    <>
      <h2 id="samples-title">Sample rows</h2>
      <div class="table-wrap" role="region" aria-labelledby="samples-title" tabIndex={0}>
        <table class="samples">
          <thead>
            <tr>
              <th scope="col" class="num">
                Row
              </th>
              {(view.columns ?? []).map((c) => (
                <th scope="col" key={c.index}>
                  {c.name || `Column ${c.index + 1}`}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((row, r) => (
              <tr key={r}>
                <td class="num">{r + 1}</td>
                {(view.columns ?? []).map((c) => {
                  const problem = bad.has(`${r + 1}:${c.name}`);
                  return (
                    <td key={c.index} class={problem ? 'cell-problem' : undefined}>
                      {row[c.index] ?? ''}
                      {problem ? <span class="sr-only"> (does not read as mapped)</span> : null}
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}

function DecisionPanel({ view, jobId, dirty, onDecided }) {
  const [saveAs, setSaveAs] = useState('new');
  const [name, setName] = useState(() => (view.filename ? view.filename.replace(/\.[^.]+$/, '') : 'Mapped layout'));
  const [templateId, setTemplateId] = useState('');
  const [publish, setPublish] = useState(true);
  const [templates, setTemplates] = useState(null);
  const { busy, problem, setProblem, run } = useAction();
  const [rejecting, setRejecting] = useState(false);
  const [reason, setReason] = useState('');

  useEffect(() => {
    if (saveAs !== 'version' || templates) return;
    api('/templates', { query: { limit: 200 } }).then(
      (page) => {
        const own = (page.items ?? []).filter((t) => !t.system);
        setTemplates(own);
        if (own.length && !templateId) setTemplateId(own[0].id);
      },
      setProblem,
    );
  }, [saveAs]);

  const submitted = view.state === 'SUBMITTED' && !dirty;
  const approve = () =>
    run('Approving: the job is read again with the mapping', async () => {
      const body = {};
      if (saveAs === 'new') body.saveAs = { name: name.trim(), publish };
      if (saveAs === 'version') body.saveAs = { templateId, publish };
      onDecided(await api(`/mapping/${encodeURIComponent(jobId)}/approve`, { method: 'POST', body }));
    });
  // The dialog closes whether the rejection went through or not (a problem shows under the panel).
  const reject = () =>
    run('Rejecting', async () => {
      const v = await api(`/mapping/${encodeURIComponent(jobId)}/reject`, { method: 'POST', body: reason.trim() ? { reason: reason.trim() } : {} }).finally(() =>
        setRejecting(false),
      );
      onDecided(v);
    });

  return (
    <section class="card decision" aria-labelledby="decision-title">
      <h2 id="decision-title">Approve</h2>
      {!submitted ? (
        <p class="muted">
          {dirty ? 'Save and submit your changes first: ' : ''}
          Approval needs a submitted mapping that fits the sample rows.
        </p>
      ) : (
        <p class="muted">The job is read again with this mapping. Save it as a template so the next file of this layout needs no one.</p>
      )}
      <fieldset disabled={!submitted || !!busy}>
        <legend>Save the mapping as</legend>
        <label class="radio">
          <input type="radio" name="save-as" value="new" checked={saveAs === 'new'} onChange={() => setSaveAs('new')} /> A new template
        </label>
        {saveAs === 'new' ? (
          <div class="indent">
            <label for="save-name">Template name</label>
            <input id="save-name" value={name} maxLength={200} onInput={(e) => setName(e.currentTarget.value)} />
          </div>
        ) : null}
        <label class="radio">
          <input type="radio" name="save-as" value="version" checked={saveAs === 'version'} onChange={() => setSaveAs('version')} /> A new version of
          a template
        </label>
        {saveAs === 'version' ? (
          <div class="indent">
            {templates === null ? (
              <Loading what="Loading the templates" />
            ) : templates.length ? (
              <>
                <label for="save-template">Template</label>
                <select id="save-template" value={templateId} onChange={(e) => setTemplateId(e.currentTarget.value)}>
                  {templates.map((t) => (
                    <option key={t.id} value={t.id}>
                      {t.name} ({t.format}, v{t.latestVersion})
                    </option>
                  ))}
                </select>
              </>
            ) : (
              <p class="muted">The tenant has no template of its own yet.</p>
            )}
          </div>
        ) : null}
        <label class="radio">
          <input type="radio" name="save-as" value="none" checked={saveAs === 'none'} onChange={() => setSaveAs('none')} /> Do not save (this job
          only)
        </label>
        {saveAs !== 'none' ? (
          <label class="checkbox">
            <input type="checkbox" checked={publish} onChange={(e) => setPublish(e.currentTarget.checked)} /> Publish it (uploads use it from now on)
          </label>
        ) : null}
      </fieldset>
      <div class="actions">
        <button
          type="button"
          class="primary"
          onClick={approve}
          disabled={!submitted || !!busy || (saveAs === 'new' && !name.trim()) || (saveAs === 'version' && !templateId)}
        >
          Approve
        </button>
        <button type="button" class="danger" onClick={() => setRejecting(true)} disabled={!!busy}>
          Reject…
        </button>
      </div>
      {busy ? <Loading what={busy} /> : null}
      <ProblemView problem={problem} />
      <ConfirmDialog open={rejecting} title="Reject this mapping" confirmLabel="Reject" busy={!!busy} onConfirm={reject} onCancel={() => setRejecting(false)}>
        <p>The job fails (the file is not a layout to map). The submitter is told the reason.</p>
        <label for="reject-reason">Reason</label>
        <textarea id="reject-reason" rows={3} value={reason} onInput={(e) => setReason(e.currentTarget.value)} />
      </ConfirmDialog>
    </section>
  );
}

function SavedTemplateLink({ saved }) {
  const [name, setName] = useState(null);
  useEffect(() => {
    api(`/templates/${encodeURIComponent(saved.templateId)}`).then(
      (t) => setName(t.name),
      () => setName(''),
    );
  }, [saved.templateId]);
  return (
    <a href={link('templates', saved.templateId)}>
      {name ? `${name}, ` : 'template, '}version {saved.version}
    </a>
  );
}

/** A decided job's mapping: the profile is gone once the job is read again, the choices stay. */
function DecidedMapping({ draft }) {
  const entries = Object.entries(draft.columns);
  return (
    <>
      <h2 id="decided-title">Mapped columns</h2>
      <div class="table-wrap" role="region" aria-labelledby="decided-title" tabIndex={0}>
        <table aria-labelledby="decided-title">
          <thead>
            <tr>
              <th scope="col">Column</th>
              <th scope="col">Field</th>
              <th scope="col">Type</th>
              <th scope="col">Format</th>
            </tr>
          </thead>
          <tbody>
            {entries.map(([column, value]) => (
              <tr key={column}>
                <th scope="row">{column}</th>
                <td>{value === null ? 'left out' : typeof value === 'string' ? value : value.field}</td>
                <td>{value && typeof value === 'object' && value.type ? value.type : '–'}</td>
                <td>{value && typeof value === 'object' && value.format ? value.format : '–'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}
