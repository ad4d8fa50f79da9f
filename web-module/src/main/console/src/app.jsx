// The console's frame: sign-in gate, navigation by role, live-connection status, and the screens.
import { useEffect, useState } from 'preact/hooks';
import { api } from './api.js';
import { onLiveStatus, start as startLive, stop as stopLive } from './live.js';
import { link, useRoute } from './router.js';
import { credentials, onSessionChange, signOut } from './session.js';
import { completeOidcSignIn } from './oidc.js';
import { hasRole, Loading, ProblemView } from './ui.jsx';
import { SignInScreen } from './screens/signin.jsx';
import { UploadScreen } from './screens/upload.jsx';
import { JobsScreen } from './screens/jobs.jsx';
import { JobScreen } from './screens/job.jsx';
import { MappingScreen } from './screens/mapping.jsx';
import { TemplatesScreen } from './screens/templates.jsx';
import { AdminScreen } from './screens/admin.jsx';
import { NotificationBell, NotificationsScreen } from './screens/notifications.jsx';

const TENANT_ROLES = ['viewer', 'member', 'service', 'admin', 'owner'];

function navigation(me) {
  const items = [];
  if (me.tenantId) {
    if (hasRole(me, 'member', 'service', 'admin', 'owner')) items.push(['upload', 'Upload']);
    items.push(['jobs', 'Jobs'], ['mapping', 'Mapping'], ['templates', 'Templates']);
  }
  if (hasRole(me, 'admin', 'owner', 'operator')) items.push(['admin', 'Admin']);
  return items;
}

export function App() {
  const [session, setSession] = useState(credentials());
  const [me, setMe] = useState(null);
  const [problem, setProblem] = useState(null);
  const [oidcDone, setOidcDone] = useState(false);

  useEffect(() => onSessionChange(setSession), []);
  useEffect(() => {
    completeOidcSignIn()
      .catch((e) => setProblem(e.title ? e : { title: 'Sign-in failed', detail: e.message, code: 'oidc_failed' }))
      .finally(() => setOidcDone(true));
  }, []);
  useEffect(() => {
    setMe(null);
    if (!session) {
      stopLive();
      return;
    }
    api('/me').then(
      (who) => {
        setMe(who);
        setProblem(null);
        if (who.tenantId && who.roles.some((r) => TENANT_ROLES.includes(r))) startLive();
      },
      (p) => {
        setProblem(p);
        if (p.status === 401 || p.status === 403) signOut();
      },
    );
  }, [session]);

  if (!oidcDone) return <Loading what="Signing in" />;
  if (!session) return <SignInScreen problem={problem} />;
  if (!me) return problem ? <SignInScreen problem={problem} /> : <Loading what="Signing in" />;
  return <Shell me={me} />;
}

function Shell({ me }) {
  const route = useRoute();
  const items = navigation(me);
  const allowed = items.some(([screen]) => screen === route.screen) || route.screen === 'notifications';
  const screen = allowed ? route.screen : items[0]?.[0];
  useEffect(() => {
    const title = items.find(([s]) => s === screen)?.[1] ?? 'Notifications';
    document.title = `${title} · File Parser console`;
  }, [screen]);
  return (
    <>
      <a class="skip" href="#main" onClick={(e) => (e.preventDefault(), document.getElementById('main')?.focus())}>
        Skip to content
      </a>
      <header class="top">
        <span class="brand">File Parser</span>
        <nav aria-label="Main">
          <ul>
            {items.map(([name, label]) => (
              <li key={name}>
                <a href={link(name)} aria-current={screen === name ? 'page' : undefined}>
                  {label}
                </a>
              </li>
            ))}
          </ul>
        </nav>
        <div class="who">
          {me.tenantId ? <LiveIndicator /> : null}
          {me.tenantId ? <NotificationBell me={me} /> : null}
          <span class="identity" title={me.subject}>
            {me.tenantId ?? 'platform'} · {me.roles.join(', ')}
          </span>
          <button type="button" class="link" onClick={signOut}>
            Sign out
          </button>
        </div>
      </header>
      <main id="main" tabIndex={-1}>
        <Screen screen={screen} route={route} me={me} />
      </main>
    </>
  );
}

function Screen({ screen, route, me }) {
  switch (screen) {
    case 'upload':
      return <UploadScreen me={me} />;
    case 'jobs':
      return route.parts[0] ? <JobScreen me={me} jobId={route.parts[0]} /> : <JobsScreen me={me} query={route.query} />;
    case 'mapping':
      return <MappingScreen me={me} jobId={route.parts[0]} />;
    case 'templates':
      return <TemplatesScreen me={me} templateId={route.parts[0]} query={route.query} />;
    case 'admin':
      return <AdminScreen me={me} section={route.parts[0]} item={route.parts[1]} query={route.query} />;
    case 'notifications':
      return <NotificationsScreen me={me} />;
    default:
      return <ProblemView problem={{ title: 'Nothing to show', detail: 'Your roles give you no screen here.', code: 'forbidden' }} />;
  }
}

const LIVE_LABELS = {
  live: 'Live',
  connecting: 'Connecting…',
  offline: 'Reconnecting…',
  refused: 'Live updates refused',
};

function LiveIndicator() {
  const [status, setStatus] = useState('offline');
  useEffect(() => onLiveStatus(setStatus), []);
  return (
    <span class={`live live-${status}`} role="status" aria-live="polite" title="Live updates over WebSocket">
      {LIVE_LABELS[status]}
    </span>
  );
}
