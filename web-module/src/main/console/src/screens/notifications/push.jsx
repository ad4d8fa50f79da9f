// Opt-in to browser push: the console's service worker (scope: the console), a PushManager
// subscription with the server's VAPID key, posted to the API; and the caller's subscriptions.
import { useEffect, useState } from 'preact/hooks';
import { api } from '../../api.js';
import { ProblemView, Time } from '../../ui.jsx';

function keyBytes(base64url) {
  const base64 = base64url.replace(/-/g, '+').replace(/_/g, '/') + '='.repeat((4 - (base64url.length % 4)) % 4);
  return Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
}

function supported() {
  return 'serviceWorker' in navigator && 'PushManager' in window && 'Notification' in window && window.isSecureContext;
}

export function PushOptIn() {
  const [state, setState] = useState({ phase: 'checking' }); // checking | unsupported | unconfigured | ready | on | busy
  const [subscriptions, setSubscriptions] = useState([]);
  const [problem, setProblem] = useState(null);
  const [message, setMessage] = useState('');

  async function loadSubscriptions() {
    try {
      setSubscriptions((await api('/notifications/push/subscriptions')).items ?? []);
    } catch (p) {
      if (p.code !== 'push_not_configured') setProblem(p);
    }
  }

  useEffect(() => {
    (async () => {
      if (!supported()) return setState({ phase: 'unsupported' });
      try {
        const { publicKey } = await api('/notifications/push/vapid-public-key');
        const registration = await navigator.serviceWorker.getRegistration(new URL('./', document.baseURI).href);
        const current = await registration?.pushManager.getSubscription();
        setState({ phase: current ? 'on' : 'ready', publicKey, endpoint: current?.endpoint });
        loadSubscriptions();
      } catch (p) {
        if (p.code === 'push_not_configured' || p.status === 404) setState({ phase: 'unconfigured', detail: p.detail });
        else {
          setState({ phase: 'ready-error' });
          setProblem(p);
        }
      }
    })();
  }, []);

  async function turnOn() {
    setProblem(null);
    setMessage('');
    setState((s) => ({ ...s, phase: 'busy' }));
    try {
      const permission = await Notification.requestPermission();
      if (permission !== 'granted') {
        setState((s) => ({ ...s, phase: 'refused', reason: permission === 'denied' ? 'The browser blocks notifications for this site: allow them in its site settings, then try again.' : 'Notifications were not allowed.' }));
        return;
      }
      const registration = await navigator.serviceWorker.register(new URL('push-worker.js', document.baseURI).href, { scope: './' });
      await navigator.serviceWorker.ready;
      let subscription;
      try {
        subscription = await registration.pushManager.subscribe({ userVisibleOnly: true, applicationServerKey: keyBytes(state.publicKey) });
      } catch (e) {
        setState((s) => ({ ...s, phase: 'refused', reason: `The browser refused to subscribe: ${e.message || e.name}. Its push service may be unavailable (some browsers need one reachable on the internet).` }));
        return;
      }
      try {
        await api('/notifications/push/subscriptions', { method: 'POST', body: subscription.toJSON() });
      } catch (p) {
        await subscription.unsubscribe().catch(() => {});
        throw p;
      }
      setState((s) => ({ ...s, phase: 'on', endpoint: subscription.endpoint }));
      setMessage('Push is on for this browser: notifications arrive even when the console is closed.');
      loadSubscriptions();
    } catch (p) {
      setState((s) => ({ ...s, phase: 'ready' }));
      setProblem(p.status !== undefined ? p : { title: 'Push could not be turned on', detail: String(p.message ?? p), code: 'push_failed' });
    }
  }

  async function remove(subscription) {
    setProblem(null);
    try {
      await api(`/notifications/push/subscriptions/${encodeURIComponent(subscription.id)}`, { method: 'DELETE' });
      if (subscription.endpoint === state.endpoint) {
        const registration = await navigator.serviceWorker.getRegistration(new URL('./', document.baseURI).href);
        await (await registration?.pushManager.getSubscription())?.unsubscribe();
        setState((s) => ({ ...s, phase: 'ready', endpoint: null }));
      }
      setMessage('That browser no longer gets push notifications.');
      loadSubscriptions();
    } catch (p) {
      setProblem(p);
    }
  }

  return (
    <section class="card push" aria-labelledby="push-title">
      <h2 id="push-title">Browser push</h2>
      <div class="push-state" role="status">
        {state.phase === 'checking' ? <p class="muted">Checking whether push is available…</p> : null}
        {state.phase === 'unsupported' ? <p>This browser cannot receive push notifications here (it needs service workers, the Push API and a secure connection).</p> : null}
        {state.phase === 'unconfigured' ? (
          <p>
            <strong>Push is not configured on this server.</strong> Notifications still appear here and in the bell while the console is open. {state.detail ? <span class="muted">({state.detail})</span> : null}
          </p>
        ) : null}
        {state.phase === 'refused' ? (
          <p class="push-refused">
            <strong>Push is off.</strong> {state.reason}
          </p>
        ) : null}
        {state.phase === 'on' ? <p>Push is on for this browser.</p> : null}
        {message ? <p>{message}</p> : null}
      </div>
      {['ready', 'refused', 'busy'].includes(state.phase) ? (
        <>
          <p class="muted">Get a system notification when one of your jobs completes, fails or needs a mapping, even with the console closed.</p>
          <button type="button" class="primary" disabled={state.phase === 'busy'} onClick={turnOn}>
            {state.phase === 'busy' ? 'Turning on…' : 'Turn on push for this browser'}
          </button>
        </>
      ) : null}
      <ProblemView problem={problem} onDismiss={() => setProblem(null)} />
      {subscriptions.length ? (
        <>
          <h3>Browsers that get push</h3>
          <ul class="subscriptions">
            {subscriptions.map((s) => (
              <li key={s.id}>
                <span class="endpoint">{new URL(s.endpoint).host}</span>
                {s.endpoint === state.endpoint ? ' (this browser)' : ''}, since <Time at={s.createdAt} />{' '}
                <button type="button" class="link" onClick={() => remove(s)} aria-label={`Stop push to ${new URL(s.endpoint).host}${s.endpoint === state.endpoint ? ' (this browser)' : ''}`}>
                  Stop
                </button>
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </section>
  );
}
