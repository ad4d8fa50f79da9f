// Who the console calls the API as. The credential lives in this tab's sessionStorage only: never in
// a URL, never in localStorage, gone when the tab closes or the person signs out.
const KEY = 'fileparser.credentials';
const listeners = new Set();

/** The credential of this tab: {kind: 'bearer' | 'apiKey', value, source: 'pasted' | 'oidc', expiresAt?}. */
export function credentials() {
  try {
    return JSON.parse(sessionStorage.getItem(KEY));
  } catch {
    return null;
  }
}

export function signIn(kind, value, source = 'pasted', expiresAt = null) {
  sessionStorage.setItem(KEY, JSON.stringify({ kind, value: value.trim(), source, expiresAt }));
  listeners.forEach((listener) => listener(credentials()));
}

export function signOut() {
  sessionStorage.removeItem(KEY);
  listeners.forEach((listener) => listener(null));
}

/** Calls listener(credentials | null) whenever the person signs in or out. */
export function onSessionChange(listener) {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** The headers that carry the credential, for fetch and for tus-js-client. */
export function authHeaders() {
  const c = credentials();
  if (!c) return {};
  return c.kind === 'apiKey' ? { 'X-API-Key': c.value } : { Authorization: `Bearer ${c.value}` };
}

/** A pasted value's kind: a JWT has three base64url parts; anything else is taken as an API key. */
export function kindOf(value) {
  return /^[\w-]+\.[\w-]+\.[\w-]*$/.test(value.trim()) ? 'bearer' : 'apiKey';
}
