// Sign-in: the company's identity provider when one is configured; in development a bearer token or
// API key pasted once (kept for this tab only).
import { useEffect, useState } from 'preact/hooks';
import { beginOidcSignIn, consoleConfig } from '../oidc.js';
import { kindOf, signIn } from '../session.js';
import { ProblemView } from '../ui.jsx';

export function SignInScreen({ problem }) {
  const [value, setValue] = useState('');
  const [config, setConfig] = useState(null);
  const [error, setError] = useState(null);
  useEffect(() => {
    consoleConfig().then(setConfig);
  }, []);
  const submit = (e) => {
    e.preventDefault();
    if (!value.trim()) {
      setError({ title: 'Nothing to sign in with', detail: 'Paste a bearer token or an API key.', code: 'empty' });
      return;
    }
    signIn(kindOf(value), value);
  };
  return (
    <main id="main" class="signin">
      <h1>File Parser console</h1>
      <ProblemView problem={error ?? problem} />
      {config?.oidc ? (
        <section>
          <button type="button" class="primary" onClick={() => beginOidcSignIn().catch((e) => setError({ title: 'Sign-in failed', detail: e.message, code: 'oidc_failed' }))}>
            Sign in with {config.oidc.name || 'your company account'}
          </button>
        </section>
      ) : null}
      <form onSubmit={submit} class="card">
        <label for="credential">Bearer token or API key</label>
        <textarea
          id="credential"
          rows={4}
          autocomplete="off"
          spellcheck={false}
          value={value}
          onInput={(e) => setValue(e.currentTarget.value)}
          aria-describedby="credential-help"
        />
        <p id="credential-help" class="muted">
          Kept for this browser tab only, and forgotten when you sign out or close the tab.
        </p>
        <button type="submit" class="primary">
          Sign in
        </button>
      </form>
    </main>
  );
}
