// The back-test of a draft: the workers read the tenant's recent files of the template with the draft
// and with the published version, and this shows what would change (rows and fields), per file and
// in total, with the first changed values. Its id stays in the address (#/templates/<id>?backtest=..)
// so a reload or a shared link shows the same one.
import { useEffect, useState } from 'preact/hooks';
import { api } from '../../api.js';
import { link, navigate } from '../../router.js';
import { hasRole, Loading, ProblemView, ProgressBar, Time } from '../../ui.jsx';
import { show } from './diff.jsx';

export function Backtest({ me, path, templateId, draft, current, backtestId }) {
  const [backtest, setBacktest] = useState(null);
  const [problem, setProblem] = useState(null);
  const [starting, setStarting] = useState(false);
  const canStart = hasRole(me, 'member', 'admin', 'owner');

  useEffect(() => {
    if (!backtestId) return setBacktest(null);
    let stale = false;
    let timer = null;
    const poll = () =>
      api(`${path}/backtests/${encodeURIComponent(backtestId)}`).then(
        (b) => {
          if (stale) return;
          setBacktest(b);
          setProblem(null);
          if (b.state === 'RUNNING') timer = setTimeout(poll, 1500);
        },
        (p) => !stale && setProblem(p),
      );
    poll();
    return () => {
      stale = true;
      clearTimeout(timer);
    };
  }, [backtestId]);

  const start = async () => {
    setStarting(true);
    setProblem(null);
    try {
      const b = await api(`${path}/versions/${draft}/backtest`, { method: 'POST' });
      setBacktest(b);
      navigate(link('templates', templateId, { backtest: b.id }), { replace: true });
    } catch (p) {
      setProblem(p);
    } finally {
      setStarting(false);
    }
  };

  return (
    <section class="card backtest" aria-labelledby="backtest-title">
      <h2 id="backtest-title">Back-test</h2>
      <p class="muted">
        Before publishing: the workers read the tenant’s 10 most recent files completed with this template with draft v{draft} and with published v
        {current}, and tell which rows and fields would change. The jobs and their results are not touched.
      </p>
      {canStart ? (
        <div class="actions">
          <button type="button" onClick={start} disabled={starting || backtest?.state === 'RUNNING'}>
            Run a back-test of v{draft}
          </button>
        </div>
      ) : null}
      <ProblemView problem={problem} />
      {starting ? <Loading what="Starting the back-test" /> : null}
      {backtest ? <BacktestResult backtest={backtest} /> : null}
    </section>
  );
}

function BacktestResult({ backtest }) {
  const heading = `v${backtest.version} against v${backtest.againstVersion}, ${backtest.files} ${backtest.files === 1 ? 'file' : 'files'}`;
  if (backtest.state === 'RUNNING') {
    return (
      <div role="status" aria-live="polite" class="backtest-running">
        <p>
          Running: {heading}, started <Time at={backtest.createdAt} />. The workers take it after the parse jobs waiting ahead of it.
        </p>
        <ProgressBar label="Back-test running" value={null} />
      </div>
    );
  }
  if (backtest.state === 'FAILED') {
    return (
      <ProblemView
        problem={{ title: 'The back-test failed', detail: backtest.error ?? '', code: 'backtest_failed', status: undefined }}
      />
    );
  }
  const result = backtest.result ?? {};
  const totals = result.totals ?? {};
  const rows = totals.rows ?? {};
  const accepted = totals.accepted ?? {};
  const fields = Object.entries(totals.fields ?? {});
  const files = result.files ?? [];
  const examples = files.flatMap((f) => (f.examples ?? []).map((e) => ({ ...e, jobId: f.jobId })));
  return (
    <div class="backtest-result" role="status" aria-live="polite">
      <h3>
        Result: {heading} <span class="muted">(finished <Time at={backtest.finishedAt} />)</span>
      </h3>
      <dl class="facts totals">
        <dt>Files compared</dt>
        <dd>
          {totals.filesCompared ?? 0} of {totals.files ?? backtest.files}
        </dd>
        <dt>Rows compared</dt>
        <dd>{rows.compared ?? 0}</dd>
        <dt>Rows that change</dt>
        <dd class={rows.changed ? 'changes' : undefined}>{rows.changed ?? 0}</dd>
        <dt>Rows accepted</dt>
        <dd>
          {accepted.current ?? 0} now → {accepted.draft ?? 0} with the draft ({rows.startAccepted ?? 0} start, {rows.stopAccepted ?? 0} stop being
          accepted)
        </dd>
        {totals.fieldsAdded?.length ? (
          <>
            <dt>Fields added</dt>
            <dd>{totals.fieldsAdded.join(', ')}</dd>
          </>
        ) : null}
        {totals.fieldsRemoved?.length ? (
          <>
            <dt>Fields removed</dt>
            <dd>{totals.fieldsRemoved.join(', ')}</dd>
          </>
        ) : null}
      </dl>
      {fields.length ? (
        <>
          <h4 id="bt-fields">Fields</h4>
          <div class="table-wrap" role="region" aria-labelledby="bt-fields" tabIndex={0}>
            <table aria-labelledby="bt-fields">
              <thead>
                <tr>
                  <th scope="col">Field</th>
                  <th scope="col" class="num">
                    Rows whose value changes
                  </th>
                  <th scope="col" class="num">
                    Start validating
                  </th>
                  <th scope="col" class="num">
                    Stop validating
                  </th>
                </tr>
              </thead>
              <tbody>
                {fields.map(([name, f]) => (
                  <tr key={name} class={f.changed || f.startsValidating || f.stopsValidating ? 'changes' : undefined}>
                    <th scope="row">{name}</th>
                    <td class="num">{f.changed ?? 0}</td>
                    <td class="num">{f.startsValidating ?? 0}</td>
                    <td class="num">{f.stopsValidating ?? 0}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      ) : null}
      <h4 id="bt-files">Files</h4>
      <div class="table-wrap" role="region" aria-labelledby="bt-files" tabIndex={0}>
        <table aria-labelledby="bt-files">
          <thead>
            <tr>
              <th scope="col">Job</th>
              <th scope="col" class="num">
                Rows compared
              </th>
              <th scope="col" class="num">
                Rows that change
              </th>
              <th scope="col" class="num">
                Accepted now → draft
              </th>
              <th scope="col">Note</th>
            </tr>
          </thead>
          <tbody>
            {files.map((f) => (
              <tr key={f.jobId}>
                <td>
                  <a href={link('jobs', f.jobId)}>{f.jobId.slice(0, 8)}</a>
                </td>
                <td class="num">{f.rows?.compared ?? '–'}</td>
                <td class="num">{f.rows?.changed ?? '–'}</td>
                <td class="num">{f.accepted ? `${f.accepted.current} → ${f.accepted.draft}` : '–'}</td>
                <td>{f.error ? `not compared: ${f.error}` : f.truncated ? 'first 100,000 rows compared' : ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {examples.length ? (
        <>
          <h4 id="bt-examples">First changed values</h4>
          <div class="table-wrap" role="region" aria-labelledby="bt-examples" tabIndex={0}>
            <table aria-labelledby="bt-examples">
              <thead>
                <tr>
                  <th scope="col">Job</th>
                  <th scope="col" class="num">
                    Row
                  </th>
                  <th scope="col">Field</th>
                  <th scope="col">Now</th>
                  <th scope="col">With the draft</th>
                </tr>
              </thead>
              <tbody>
                {examples.slice(0, 50).map((e, i) => (
                  <tr key={i}>
                    <td>{e.jobId.slice(0, 8)}</td>
                    <td class="num">{e.row}</td>
                    <td>{e.field}</td>
                    <td>
                      <code>{show(e.current)}</code> <span class="muted">({e.currentState})</span>
                    </td>
                    <td>
                      <code>{show(e.draft)}</code> <span class="muted">({e.draftState})</span>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      ) : null}
    </div>
  );
}
