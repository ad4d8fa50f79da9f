// The draft editor: the open draft (or the published version) as a form of its fields, or as its
// JSON document for everything else; saving makes a new draft or replaces the open one. The API
// checks the document (422 invalid_template names the member).
import { useEffect, useState } from 'preact/hooks';
import { api } from '../../api.js';
import { Loading, ProblemView, useAction } from '../../ui.jsx';

const TYPES = ['string', 'integer', 'decimal', 'date', 'datetime', 'duration', 'phone', 'currency', 'enum'];

export function DraftEditor({ path, template, onSaved }) {
  const base = template.draftVersion ?? template.currentVersion ?? template.latestVersion;
  const [document, setDocument] = useState(null);
  const [json, setJson] = useState('');
  const [mode, setMode] = useState('form');
  const [open, setOpen] = useState(false);
  const { busy, problem, setProblem, run } = useAction();

  useEffect(() => {
    if (!open) return;
    setDocument(null);
    api(`${path}/versions/${base}`).then((v) => {
      setDocument(v.document);
      setJson(JSON.stringify(v.document, null, 2));
    }, setProblem);
  }, [open, base]);

  const setField = (i, change) =>
    setDocument((d) => {
      const fields = d.fields.map((f, j) => {
        if (j !== i) return f;
        const next = { ...f, ...change };
        if (next.format === '') delete next.format;
        return next;
      });
      return { ...d, fields };
    });
  const switchMode = (next) => {
    setProblem(null);
    if (next === 'json') setJson(JSON.stringify(document, null, 2));
    else {
      try {
        setDocument(JSON.parse(json));
      } catch (e) {
        setProblem({ title: 'The JSON does not read', detail: e.message, code: 'malformed_json' });
        return;
      }
    }
    setMode(next);
  };
  const save = async () => {
    let body = document;
    if (mode === 'json') {
      try {
        body = JSON.parse(json);
      } catch (e) {
        setProblem({ title: 'The JSON does not read', detail: e.message, code: 'malformed_json' });
        return;
      }
    }
    await run(null, async () => {
      const v = await api(path, { method: 'PUT', body });
      setOpen(false);
      onSaved(v);
    });
  };

  return (
    <section class="card editor" aria-labelledby="editor-title">
      <h2 id="editor-title">{template.draftVersion ? `Edit draft v${template.draftVersion}` : 'Edit as a new draft'}</h2>
      {!open ? (
        <>
          <p class="muted">
            {template.draftVersion
              ? 'Saving replaces the open draft.'
              : `Saving makes version ${template.latestVersion + 1}, a draft: nothing changes for uploads until it is published.`}
          </p>
          <button type="button" onClick={() => setOpen(true)}>
            {template.draftVersion ? `Edit draft v${template.draftVersion}` : `Start a draft from v${base}`}
          </button>
        </>
      ) : !document ? (
        problem ? (
          <ProblemView problem={problem} />
        ) : (
          <Loading what="Loading the document" />
        )
      ) : (
        <>
          <div class="toolbar" role="group" aria-label="Editor">
            <button type="button" aria-pressed={mode === 'form' ? 'true' : 'false'} onClick={() => mode !== 'form' && switchMode('form')}>
              Fields
            </button>
            <button type="button" aria-pressed={mode === 'json' ? 'true' : 'false'} onClick={() => mode !== 'json' && switchMode('json')}>
              JSON document
            </button>
          </div>
          {mode === 'json' ? (
            <>
              <label for="draft-json">Template document (JSON)</label>
              <textarea id="draft-json" rows={20} spellcheck={false} value={json} onInput={(e) => setJson(e.currentTarget.value)} />
            </>
          ) : (
            <>
              <div class="editor-top">
                <div>
                  <label for="draft-threshold">Confidence threshold</label>
                  <input
                    id="draft-threshold"
                    type="number"
                    min="0"
                    max="1"
                    step="0.05"
                    value={document.confidenceThreshold ?? ''}
                    onInput={(e) => setDocument((d) => ({ ...d, confidenceThreshold: e.currentTarget.value === '' ? undefined : Number(e.currentTarget.value) }))}
                  />
                </div>
                <div class="grow">
                  <label for="draft-description">Description</label>
                  <input
                    id="draft-description"
                    value={document.description ?? ''}
                    maxLength={2000}
                    onInput={(e) =>
                      setDocument((d) => {
                        const next = { ...d, description: e.currentTarget.value };
                        if (!next.description) delete next.description;
                        return next;
                      })
                    }
                  />
                </div>
              </div>
              <div class="table-wrap" role="region" aria-label="Fields of the draft" tabIndex={0}>
                <table class="fields-editor">
                  <caption class="sr-only">Fields of the draft</caption>
                  <thead>
                    <tr>
                      <th scope="col">Field</th>
                      <th scope="col">Type</th>
                      <th scope="col">Required</th>
                      <th scope="col">Format</th>
                      <th scope="col">Located by</th>
                    </tr>
                  </thead>
                  <tbody>
                    {(document.fields ?? []).map((f, i) => (
                      <tr key={i}>
                        <th scope="row">
                          <code>{f.name}</code>
                        </th>
                        <td>
                          <select aria-label={`Type of ${f.name}`} value={f.type} onChange={(e) => setField(i, { type: e.currentTarget.value })}>
                            {TYPES.map((t) => (
                              <option key={t} value={t}>
                                {t}
                              </option>
                            ))}
                          </select>
                        </td>
                        <td>
                          <input type="checkbox" aria-label={`${f.name} is required`} checked={!!f.required} onChange={(e) => setField(i, { required: e.currentTarget.checked })} />
                        </td>
                        <td>
                          <input aria-label={`Format of ${f.name}`} value={f.format ?? ''} size={14} onInput={(e) => setField(i, { format: e.currentTarget.value })} />
                        </td>
                        <td>
                          <code class="locate">{JSON.stringify(f.locate)}</code>
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            </>
          )}
          <div class="actions">
            <button type="button" class="primary" onClick={save} disabled={busy}>
              Save draft
            </button>
            <button type="button" onClick={() => (setOpen(false), setProblem(null), setMode('form'))} disabled={busy}>
              Discard changes
            </button>
          </div>
          {busy ? <Loading what="Saving the draft" /> : null}
          <ProblemView problem={problem} />
        </>
      )}
    </section>
  );
}
