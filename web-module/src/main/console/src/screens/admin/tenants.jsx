// Tenants (the platform operator): the list, one tenant's settings changed as a JSON merge patch
// (tier, enabled, scan policy, active PDF content, caps), and registering a new one.
import { useEffect, useState } from 'preact/hooks';
import { api } from '../../api.js';
import { link, navigate } from '../../router.js';
import { TableWrap } from './common.jsx';
import { ConfirmDialog, Loading, ProblemView, Time, useAction, useAsync } from '../../ui.jsx';

const TIERS = ['free', 'standard', 'premium', 'enterprise'];
const SCAN_POLICIES = [
  ['reject', 'reject (malware refused)'],
  ['quarantine', 'quarantine (kept, never parsed)'],
];

export function TenantsSection({ item }) {
  return item ? <TenantSettings key={item} id={item} /> : <TenantList />;
}

function TenantList() {
  const [pages, setPages] = useState(null);
  const [problem, setProblem] = useState(null);
  const [loading, setLoading] = useState(false);
  const [filter, setFilter] = useState('');
  async function load(cursor) {
    setLoading(true);
    try {
      const page = await api('/admin/tenants', { query: { limit: 100, cursor } });
      setPages((prev) => (cursor && prev ? { items: [...prev.items, ...page.items], next: page.next } : page));
      setProblem(null);
    } catch (p) {
      setProblem(p);
    } finally {
      setLoading(false);
    }
  }
  useEffect(() => void load(), []);
  const items = (pages?.items ?? []).filter((t) => !filter || t.id.toLowerCase().includes(filter.toLowerCase()));
  return (
    <section aria-labelledby="tenants-title">
      <h2 id="tenants-title">Tenants</h2>
      <NewTenant onCreated={(t) => navigate(link('admin', 'tenants', t.id))} />
      <div class="toolbar">
        <div>
          <label for="tenant-find">Find a tenant shown</label>
          <input id="tenant-find" type="search" value={filter} onInput={(e) => setFilter(e.currentTarget.value)} />
        </div>
        <button type="button" disabled={!filter.trim()} onClick={() => navigate(link('admin', 'tenants', filter.trim()))}>
          Open {filter.trim() ? `“${filter.trim()}”` : 'by id'}
        </button>
      </div>
      <ProblemView problem={problem} />
      {!pages ? (
        problem ? null : <Loading what="Reading the tenants" />
      ) : (
        <TableWrap label="Every tenant, in id order">
          <table>
            <thead>
              <tr>
                <th scope="col">Tenant</th>
                <th scope="col">Tier</th>
                <th scope="col">Enabled</th>
                <th scope="col">Scan policy</th>
                <th scope="col" class="num">Concurrent uploads</th>
                <th scope="col" class="num">Jobs in flight</th>
                <th scope="col">Registered</th>
              </tr>
            </thead>
            <tbody>
              {items.map((t) => (
                <tr key={t.id}>
                  <td>
                    <a href={link('admin', 'tenants', t.id)}>{t.id}</a>
                  </td>
                  <td>{t.tier}</td>
                  <td>{t.enabled ? 'yes' : <strong class="paused">disabled</strong>}</td>
                  <td>{t.scanPolicy}</td>
                  <td class="num">{t.limitsInForce?.concurrentUploads ?? '–'}</td>
                  <td class="num">{t.limitsInForce?.jobsInFlight ?? '–'}</td>
                  <td>
                    <Time at={t.createdAt} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      )}
      {pages?.next ? (
        <button type="button" disabled={loading} onClick={() => load(pages.next)}>
          Show more tenants
        </button>
      ) : null}
    </section>
  );
}

function NewTenant({ onCreated }) {
  const [open, setOpen] = useState(false);
  const [form, setForm] = useState({ id: '', tier: 'standard', scanPolicy: 'reject' });
  const { busy, problem, run } = useAction();
  if (!open) {
    return (
      <p>
        <button type="button" onClick={() => setOpen(true)}>
          Register a tenant…
        </button>
      </p>
    );
  }
  function submit(e) {
    e.preventDefault();
    return run(null, async () => onCreated(await api('/admin/tenants', { method: 'POST', body: form })));
  }
  return (
    <form class="card" onSubmit={submit} aria-labelledby="new-tenant-title">
      <h3 id="new-tenant-title">Register a tenant</h3>
      <div class="toolbar">
        <div>
          <label for="new-tenant-id">Tenant id</label>
          <input id="new-tenant-id" required maxLength={64} value={form.id} onInput={(e) => setForm({ ...form, id: e.currentTarget.value.trim() })} />
        </div>
        <div>
          <label for="new-tenant-tier">Tier</label>
          <select id="new-tenant-tier" value={form.tier} onChange={(e) => setForm({ ...form, tier: e.currentTarget.value })}>
            {TIERS.map((t) => (
              <option key={t}>{t}</option>
            ))}
          </select>
        </div>
        <div>
          <label for="new-tenant-scan">Scan policy</label>
          <select id="new-tenant-scan" value={form.scanPolicy} onChange={(e) => setForm({ ...form, scanPolicy: e.currentTarget.value })}>
            {SCAN_POLICIES.map(([v, l]) => (
              <option key={v} value={v}>
                {l}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" class="primary" disabled={busy}>
          Register
        </button>
        <button type="button" onClick={() => setOpen(false)}>
          Cancel
        </button>
      </div>
      <ProblemView problem={problem} />
    </form>
  );
}

function formOf(t) {
  return {
    tier: t.tier,
    enabled: t.enabled,
    scanPolicy: t.scanPolicy,
    allowPdfActiveContent: !!t.allowPdfActiveContent,
    concurrentUploads: t.limits?.concurrentUploads ?? '',
    jobsInFlight: t.limits?.jobsInFlight ?? '',
  };
}

/** The merge patch from the tenant as read to the form: only what changed. */
function patchOf(t, f) {
  const patch = {};
  for (const key of ['tier', 'enabled', 'scanPolicy', 'allowPdfActiveContent']) if (f[key] !== formOf(t)[key]) patch[key] = f[key];
  const limits = {};
  for (const key of ['concurrentUploads', 'jobsInFlight']) {
    const before = t.limits?.[key] ?? '';
    const after = f[key] === '' ? '' : Number(f[key]);
    if (after !== before) limits[key] = after === '' ? null : after;
  }
  if (Object.keys(limits).length) patch.limits = limits;
  return patch;
}

function TenantSettings({ id }) {
  const { data: tenant, problem, setData } = useAsync(() => api(`/admin/tenants/${encodeURIComponent(id)}`), [id]);
  const [form, setForm] = useState(null);
  const { busy: saving, problem: saveProblem, setProblem: setSaveProblem, run } = useAction();
  const [saved, setSaved] = useState('');
  const [confirmDisable, setConfirmDisable] = useState(false);
  useEffect(() => tenant && setForm(formOf(tenant)), [tenant]);

  if (problem) return <ProblemView problem={problem} />;
  if (!tenant || !form) return <Loading what={`Reading ${id}`} />;
  const patch = patchOf(tenant, form);
  const changed = Object.keys(patch).length > 0;
  const set = (name, value) => (setSaved(''), setForm({ ...form, [name]: value }));

  function save() {
    return run(null, async () => {
      setConfirmDisable(false);
      const next = await api(`/admin/tenants/${encodeURIComponent(id)}`, {
        method: 'PATCH',
        body: JSON.stringify(patch),
        headers: { 'Content-Type': 'application/merge-patch+json' },
      });
      setData(next);
      setSaved(`Saved: ${Object.keys(patch).join(', ')} changed. It applies from the tenant's next request.`);
    });
  }

  return (
    <section aria-labelledby="tenant-title">
      <p>
        <a href={link('admin', 'tenants')}>← Every tenant</a>
      </p>
      <h2 id="tenant-title">Tenant {tenant.id}</h2>
      <p class="muted">
        Registered <Time at={tenant.createdAt} />. Limits in force: {tenant.limitsInForce?.concurrentUploads ?? '–'} concurrent uploads,{' '}
        {tenant.limitsInForce?.jobsInFlight ?? '–'} jobs in flight.
      </p>
      <form
        class="card tenant-form"
        onSubmit={(e) => {
          e.preventDefault();
          if (patch.enabled === false) setConfirmDisable(true);
          else save();
        }}
      >
        <div class="form-grid">
          <div>
            <label for="t-tier">Tier</label>
            <select id="t-tier" value={form.tier} onChange={(e) => set('tier', e.currentTarget.value)}>
              {TIERS.map((t) => (
                <option key={t}>{t}</option>
              ))}
            </select>
            <p class="hint muted">Sets the rate limits and the default caps.</p>
          </div>
          <div>
            <label for="t-scan">Scan policy</label>
            <select id="t-scan" value={form.scanPolicy} onChange={(e) => set('scanPolicy', e.currentTarget.value)}>
              {SCAN_POLICIES.map(([v, l]) => (
                <option key={v} value={v}>
                  {l}
                </option>
              ))}
            </select>
          </div>
          <div>
            <label for="t-uploads">Concurrent uploads cap</label>
            <input id="t-uploads" type="number" min="1" placeholder="the tier's" value={form.concurrentUploads} onInput={(e) => set('concurrentUploads', e.currentTarget.value)} />
            <p class="hint muted">Empty: the tier's limit.</p>
          </div>
          <div>
            <label for="t-inflight">Jobs in flight cap</label>
            <input id="t-inflight" type="number" min="1" max="10000" placeholder="the tier's" value={form.jobsInFlight} onInput={(e) => set('jobsInFlight', e.currentTarget.value)} />
            <p class="hint muted">Empty: the tier's limit (1-10000).</p>
          </div>
        </div>
        <div class="checks">
          <input id="t-enabled" type="checkbox" checked={form.enabled} onChange={(e) => set('enabled', e.currentTarget.checked)} />
          <label for="t-enabled">Enabled (a disabled tenant's callers are refused and its queued work is held)</label>
        </div>
        <div class="checks">
          <input id="t-pdf" type="checkbox" checked={form.allowPdfActiveContent} onChange={(e) => set('allowPdfActiveContent', e.currentTarget.checked)} />
          <label for="t-pdf">Allow PDFs with active content (JavaScript, launch actions)</label>
        </div>
        <div class="actions">
          <button type="submit" class="primary" disabled={!changed || saving}>
            {saving ? 'Saving…' : 'Save changes'}
          </button>
          <button type="button" disabled={!changed || saving} onClick={() => (setForm(formOf(tenant)), setSaved(''))}>
            Undo changes
          </button>
        </div>
        {saved ? <p role="status">{saved}</p> : null}
        <ProblemView problem={saveProblem} onDismiss={() => setSaveProblem(null)} />
      </form>
      <ConfirmDialog open={confirmDisable} title={`Disable ${tenant.id}?`} confirmLabel="Disable" busy={saving} onConfirm={save} onCancel={() => setConfirmDisable(false)}>
        <p>Every request of its users and API keys will be refused (403 tenant_disabled) and its queued jobs held until it is enabled again.</p>
      </ConfirmDialog>
    </section>
  );
}
