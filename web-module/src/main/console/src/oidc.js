// Sign-in through the company's identity provider: OpenID Connect authorization code flow with PKCE
// (RFC 7636, S256), a public client without a secret. The provider's token is the MicroProfile JWT
// the API accepts (its issuer and keys configured on the server, see the README). What the flow keeps
// between leaving and coming back (state, nonce, verifier) is in this tab's sessionStorage only.
import { signIn } from './session.js';

const PENDING = 'fileparser.oidc.pending';
let configPromise = null;

/** The console's configuration from the server: {oidc: {issuer, clientId, scope, token} | null}. */
export function consoleConfig() {
  configPromise ??= fetch('config.json', { headers: { Accept: 'application/json' } })
    .then((r) => (r.ok ? r.json() : { oidc: null }))
    .catch(() => ({ oidc: null }));
  return configPromise;
}

function base64url(bytes) {
  return btoa(String.fromCharCode(...new Uint8Array(bytes))).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function randomString() {
  return base64url(crypto.getRandomValues(new Uint8Array(32)));
}

async function reach(url, init) {
  try {
    return await fetch(url, init);
  } catch (e) {
    throw oidcProblem(`the identity provider cannot be reached (${e.message}): try again, or tell your administrator`);
  }
}

async function discovery(issuer) {
  const response = await reach(issuer.replace(/\/$/, '') + '/.well-known/openid-configuration');
  if (!response.ok) throw new Error(`the identity provider's discovery document answered ${response.status}`);
  return response.json();
}

function redirectUri() {
  return location.origin + location.pathname;
}

/** Leaves for the provider's sign-in page. */
export async function beginOidcSignIn() {
  const { oidc } = await consoleConfig();
  const metadata = await discovery(oidc.issuer);
  const verifier = randomString();
  const challenge = base64url(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier)));
  const pending = { state: randomString(), nonce: randomString(), verifier, returnTo: location.hash };
  sessionStorage.setItem(PENDING, JSON.stringify(pending));
  const authorize = new URL(metadata.authorization_endpoint);
  authorize.search = new URLSearchParams({
    response_type: 'code',
    client_id: oidc.clientId,
    redirect_uri: redirectUri(),
    scope: oidc.scope || 'openid',
    state: pending.state,
    nonce: pending.nonce,
    code_challenge: challenge,
    code_challenge_method: 'S256',
  });
  location.assign(authorize.toString());
}

function claims(jwt) {
  try {
    return JSON.parse(atob(jwt.split('.')[1].replace(/-/g, '+').replace(/_/g, '/')));
  } catch {
    return {};
  }
}

/**
 * Finishes a sign-in when the provider has sent the browser back with ?code=&state=: checks the
 * state, trades the code and the verifier for tokens, keeps the one the API takes, and takes the
 * code out of the address bar. Does nothing on any other load.
 */
export async function completeOidcSignIn() {
  const params = new URLSearchParams(location.search);
  if (!params.has('code') && !params.has('error')) return;
  const pending = JSON.parse(sessionStorage.getItem(PENDING) || 'null');
  sessionStorage.removeItem(PENDING);
  history.replaceState(null, '', location.pathname + (pending?.returnTo ?? ''));
  if (params.has('error')) {
    throw oidcProblem(`the identity provider answered ${params.get('error')}: ${params.get('error_description') ?? ''}`);
  }
  if (!pending || params.get('state') !== pending.state) {
    throw oidcProblem('the sign-in answer does not belong to this tab (state mismatch): sign in again');
  }
  const { oidc } = await consoleConfig();
  const metadata = await discovery(oidc.issuer);
  const response = await reach(metadata.token_endpoint, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'application/json' },
    body: new URLSearchParams({
      grant_type: 'authorization_code',
      code: params.get('code'),
      redirect_uri: redirectUri(),
      client_id: oidc.clientId,
      code_verifier: pending.verifier,
    }),
  });
  if (!response.ok) throw oidcProblem(`the identity provider refused the code (${response.status})`);
  const tokens = await response.json();
  if (tokens.id_token && claims(tokens.id_token).nonce !== pending.nonce) {
    throw oidcProblem('the ID token does not carry this sign-in\'s nonce: sign in again');
  }
  const token = oidc.token === 'id_token' ? tokens.id_token : tokens.access_token;
  if (!token) throw oidcProblem(`the identity provider sent no ${oidc.token === 'id_token' ? 'ID' : 'access'} token`);
  const exp = claims(token).exp;
  signIn('bearer', token, 'oidc', exp ? new Date(exp * 1000).toISOString() : null);
}

function oidcProblem(detail) {
  return { title: 'Sign-in failed', detail, code: 'oidc_failed', status: 0 };
}
