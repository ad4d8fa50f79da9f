// One template: its facts and actions (export, copy, archive), its versions with their documents, a
// field-level diff of any two, the draft editor (members), the back-test of the draft and publishing
// (admins and owners).
import { useEffect, useState } from 'preact/hooks';
import { api, download } from '../../api.js';
import { link, navigate } from '../../router.js';
import { ConfirmDialog, hasRole, Loading, ProblemView, StateBadge, Time, useAction } from '../../ui.jsx';
import { DiffView } from './diff.jsx';
import { DraftEditor } from './editor.jsx';
import { Backtest } from './backtest.jsx';

export function TemplateDetail({ me, templateId, query }) {
  const [template, setTemplate] = useState(null);
  const [versions, setVersions] = useState(null);
  const [problem, setProblem] = useState(null);
  const { busy, problem: actionProblem, setProblem: setActionProblem, run } = useAction();
  const [generation, setGeneration] = useState(0);
  const [shown, setShown] = useState(null); // {version, document}
  const [confirm, setConfirm] = useState(null); // 'publish' | 'archive'
  const [notice, setNotice] = useState('');
  const reload = () => setGeneration((g) => g + 1);
  const path = `/templates/${encodeURIComponent(templateId)}`;

  useEffect(() => {
    let stale = false;
    Promise.all([api(path), api(`${path}/versions`)]).then(
      ([t, v]) => {
        if (stale) return;
        setTemplate(t);
        setVersions(v.items ?? []);
        setProblem(null);
      },
      (p) => !stale && setProblem(p),
    );
    return () => {
      stale = true;
    };
  }, [templateId, generation]);

  if (problem && !template) {
    return (
      <section>
        <p>
          <a href={link('templates')}>← Templates</a>
        </p>
        <h1>Template</h1>
        <ProblemView problem={problem} />
      </section>
    );
  }
  if (!template || !versions) return <Loading what="Loading the template" />;

  const own = !template.system;
  const active = template.state === 'ACTIVE';
  const canDraft = own && active && hasRole(me, 'member', 'admin', 'owner');
  const canPublish = own && active && hasRole(me, 'admin', 'owner');
  const canCopy = hasRole(me, 'member', 'admin', 'owner');
  const draft = template.draftVersion;

  const act = async (what, action) => {
    await run(what, () => {
      setNotice('');
      return action();
    });
    setConfirm(null);
  };
  const showVersion = (version) =>
    shown?.version === version
      ? setShown(null)
      : act(`Loading version ${version}`, async () => setShown(await api(`${path}/versions/${version}`)));
  const exportIt = () =>
    act('Exporting', () =>
      download(`${path}/export`, { accept: 'application/json', filename: `template-${template.name.replace(/[^A-Za-z0-9._-]+/g, '-')}.json` }),
    );
  const publish = () =>
    act(`Publishing version ${draft}`, async () => {
      const t = await api(`${path}/versions/${draft}/publish`, { method: 'POST' });
      setNotice(`Version ${t.currentVersion} is published: uploads use it from now on.`);
      reload();
    });
  const archive = () =>
    act('Archiving', async () => {
      await api(`${path}/archive`, { method: 'POST' });
      setNotice('Archived: out of the list and of new uploads; jobs that pinned it keep it.');
      reload();
    });
  const copy = () =>
    act('Copying', async () => {
      const t = await api(`${path}/copy`, { method: 'POST', body: { name: `${template.name} (copy)` } });
      navigate(link('templates', t.id));
    });

  return (
    <section class="template" aria-labelledby="template-title">
      <p>
        <a href={link('templates')}>← Templates</a>
      </p>
      <h1 id="template-title" class="name-cell">
        {template.name}
      </h1>
      <dl class="facts">
        <dt>Kind</dt>
        <dd>{template.system ? `system (${template.key ?? 'built in'}), read-only` : 'the tenant’s'}</dd>
        <dt>Format</dt>
        <dd>{template.format}</dd>
        <dt>State</dt>
        <dd>
          <StateBadge state={template.state} />
        </dd>
        <dt>Published version</dt>
        <dd>{template.currentVersion ? `v${template.currentVersion}` : 'none yet'}</dd>
        <dt>Draft</dt>
        <dd>{draft ? `v${draft}` : 'none'}</dd>
        <dt>Created</dt>
        <dd>
          {template.createdBy}, <Time at={template.createdAt} />
        </dd>
      </dl>
      <div class="actions">
        <button type="button" onClick={exportIt} disabled={!!busy}>
          Export bundle
        </button>
        {template.system && canCopy ? (
          <button type="button" onClick={copy} disabled={!!busy}>
            Copy into the tenant
          </button>
        ) : null}
        {canPublish && draft ? (
          <button type="button" class="primary" onClick={() => setConfirm('publish')} disabled={!!busy}>
            Publish version {draft}
          </button>
        ) : null}
        {canPublish ? (
          <button type="button" class="danger" onClick={() => setConfirm('archive')} disabled={!!busy}>
            Archive
          </button>
        ) : null}
      </div>
      {busy ? <Loading what={busy} /> : null}
      {notice ? (
        <p class="notice" role="status">
          {notice}
        </p>
      ) : null}
      <ProblemView problem={actionProblem} onDismiss={() => setActionProblem(null)} />
      {!canDraft && own && active && !hasRole(me, 'member', 'admin', 'owner') ? (
        <p class="note">You can read this template; members edit drafts and admins publish.</p>
      ) : null}

      <h2 id="versions-title">Versions</h2>
      <div class="table-wrap" role="region" aria-labelledby="versions-title" tabIndex={0}>
        <table aria-labelledby="versions-title">
          <thead>
            <tr>
              <th scope="col" class="num">
                Version
              </th>
              <th scope="col">State</th>
              <th scope="col">Created</th>
              <th scope="col">Published</th>
              <th scope="col">Document</th>
            </tr>
          </thead>
          <tbody>
            {versions.map((v) => (
              <tr key={v.version}>
                <td class="num">v{v.version}</td>
                <td>
                  <StateBadge state={v.state} />
                </td>
                <td>
                  {v.createdBy}, <Time at={v.createdAt} />
                </td>
                <td>
                  {v.publishedAt ? (
                    <>
                      {v.publishedBy}, <Time at={v.publishedAt} />
                    </>
                  ) : (
                    '–'
                  )}
                </td>
                <td>
                  <button type="button" class="link" aria-expanded={shown?.version === v.version ? 'true' : 'false'} onClick={() => showVersion(v.version)}>
                    {shown?.version === v.version ? 'Hide' : 'Show'} <span class="sr-only">the document of version {v.version}</span>
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {shown ? (
        <section class="card" aria-labelledby="doc-title">
          <h3 id="doc-title">Document of version {shown.version}</h3>
          <pre class="document" tabIndex={0} aria-labelledby="doc-title">
            {JSON.stringify(shown.document, null, 2)}
          </pre>
        </section>
      ) : null}

      <DiffView key={`${template.currentVersion}-${template.draftVersion}-${versions.length}`} path={path} versions={versions} template={template} />

      {canDraft ? (
        <DraftEditor
          path={path}
          template={template}
          onSaved={(v) => {
            setNotice(`Version ${v.version} is saved as a draft. Compare it and back-test it before publishing.`);
            reload();
          }}
        />
      ) : null}

      {own && draft && template.currentVersion ? (
        <Backtest me={me} path={path} templateId={templateId} draft={draft} current={template.currentVersion} backtestId={query.backtest} />
      ) : null}

      <ConfirmDialog
        open={confirm === 'publish'}
        title={`Publish version ${draft}`}
        confirmLabel="Publish"
        busy={!!busy}
        onConfirm={publish}
        onCancel={() => setConfirm(null)}
      >
        <p>
          Uploads read {template.name} with version {draft} from now on
          {template.currentVersion ? `; version ${template.currentVersion} is superseded` : ''}. Jobs that pinned a version keep it.
        </p>
      </ConfirmDialog>
      <ConfirmDialog open={confirm === 'archive'} title="Archive this template" confirmLabel="Archive" busy={!!busy} onConfirm={archive} onCancel={() => setConfirm(null)}>
        <p>It leaves the list and is no longer used for new uploads. Jobs that pinned it keep it.</p>
      </ConfirmDialog>
    </section>
  );
}
