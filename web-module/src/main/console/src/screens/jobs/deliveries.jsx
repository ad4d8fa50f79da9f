// A job's webhook deliveries (admins and owners): what each endpoint of the tenant was sent about the
// job, its status and attempts, read again a moment after each live event of the job (a new event
// owes the endpoints a message) and every few seconds while one is still due; a message given up can
// be sent again from here.
import { useEffect, useRef, useState } from 'preact/hooks';
import { api } from '../../api.js';
import { Loading, ProblemView, Time } from '../../ui.jsx';

const PAGE = 100;

async function allDeliveries(jobId) {
  const items = [];
  let afterSeq = 0;
  for (;;) {
    const page = await api(`/jobs/${encodeURIComponent(jobId)}/webhook-deliveries`, { query: { afterSeq, limit: PAGE } });
    items.push(...(page.items ?? []));
    if (page.next == null || items.length >= 1000) return { items, more: page.next != null };
    afterSeq = page.next;
  }
}

function StatusText({ message }) {
  const status = String(message.status).toLowerCase();
  if (message.status === 'PENDING' && message.attempts > 0) {
    return (
      <span class={`delivery delivery-${status}`}>
        retrying{message.nextAttemptAt ? <> at <Time at={message.nextAttemptAt} /></> : null}
      </span>
    );
  }
  return <span class={`delivery delivery-${status}`}>{status}</span>;
}

export function Deliveries({ jobId, events }) {
  const [state, setState] = useState({ data: null, problem: null });
  const [resending, setResending] = useState(null);
  const [notice, setNotice] = useState(null);
  const generation = useRef(0);

  const load = () => {
    const mine = ++generation.current;
    allDeliveries(jobId).then(
      (data) => mine === generation.current && setState({ data, problem: null }),
      (problem) => mine === generation.current && setState((s) => ({ ...s, problem })),
    );
  };
  useEffect(() => {
    setState({ data: null, problem: null });
    setNotice(null);
    load();
  }, [jobId]);
  // While a message is still due (being retried, or sent again from here), read again every few seconds.
  const pending = state.data?.items.some((d) => d.message.status === 'PENDING');
  useEffect(() => {
    if (!pending) return undefined;
    const timer = setTimeout(load, 3000);
    return () => clearTimeout(timer);
  }, [state.data]);
  // A live event of the job is a message owed to the endpoints: read again once it is likely sent.
  useEffect(() => {
    if (!events) return undefined;
    const timer = setTimeout(load, 1500);
    return () => clearTimeout(timer);
  }, [events]);

  const resend = async (delivery) => {
    setResending(delivery.message.id);
    setNotice(null);
    try {
      await api(`/webhooks/${delivery.webhookId}/messages/${delivery.message.id}/resend`, { method: 'POST' });
      setNotice(`${delivery.message.eventType} is due again at ${delivery.url}.`);
      load();
    } catch (problem) {
      setState((s) => ({ ...s, problem }));
    } finally {
      setResending(null);
    }
  };

  const items = state.data?.items;
  return (
    <section aria-labelledby="hooks-title">
      <h2 id="hooks-title">Webhook deliveries</h2>
      <ProblemView problem={state.problem} />
      {notice ? <p role="status">{notice}</p> : null}
      {!items && !state.problem ? <Loading what="Loading the webhook deliveries" /> : null}
      {items && !items.length ? <p class="muted">No webhook endpoint of your tenant was sent anything about this job.</p> : null}
      {items?.length ? (
        <div class="table-wrap">
          <table class="deliveries">
            <thead>
              <tr>
                <th scope="col">Event</th>
                <th scope="col">Endpoint</th>
                <th scope="col">Status</th>
                <th scope="col" class="num">
                  Attempts
                </th>
                <th scope="col">Last answer</th>
                <th scope="col">Last attempt</th>
                <th scope="col">
                  <span class="sr-only">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {items.map((d) => (
                <tr key={d.message.id} data-status={d.message.status}>
                  <td>{d.message.eventType}</td>
                  <td class="url">{d.url}</td>
                  <td>
                    <StatusText message={d.message} />
                  </td>
                  <td class="num">{d.message.attempts}</td>
                  <td>{d.message.lastStatusCode ?? (d.message.attempts ? 'no answer' : '')}</td>
                  <td>{d.message.lastAttemptAt ? <Time at={d.message.lastAttemptAt} /> : 'not yet'}</td>
                  <td>
                    {d.message.status === 'FAILED' ? (
                      <button type="button" disabled={resending === d.message.id} onClick={() => resend(d)} aria-label={resending === d.message.id ? undefined : `Send again: ${d.message.eventType} to ${d.url}`}>
                        {resending === d.message.id ? 'Sending…' : 'Send again'}
                      </button>
                    ) : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          {state.data.more ? <p class="muted">The first 1,000 deliveries are shown.</p> : null}
        </div>
      ) : null}
    </section>
  );
}
