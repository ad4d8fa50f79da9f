// Hash routes (#/jobs/<id>): the server serves one page, and a reload or a shared link lands on the
// same screen. Query parameters after the route carry a screen's filters (#/jobs?state=FAILED).
import { useEffect, useState } from 'preact/hooks';

export function parseRoute(hash = location.hash) {
  const raw = hash.replace(/^#/, '') || '/jobs';
  const [path, search = ''] = raw.split('?');
  const parts = path.split('/').filter(Boolean).map(decodeURIComponent);
  return { screen: parts[0] ?? 'jobs', parts: parts.slice(1), query: Object.fromEntries(new URLSearchParams(search)) };
}

export function useRoute() {
  const [route, setRoute] = useState(parseRoute());
  useEffect(() => {
    const changed = () => setRoute(parseRoute());
    addEventListener('hashchange', changed);
    return () => removeEventListener('hashchange', changed);
  }, []);
  return route;
}

/** The href of a route: link('jobs', id) is '#/jobs/<id>'; query values that are empty are left out. */
export function link(screen, ...rest) {
  const query = rest.length && typeof rest[rest.length - 1] === 'object' ? rest.pop() : null;
  let href = '#/' + [screen, ...rest].map(encodeURIComponent).join('/');
  if (query) {
    const search = new URLSearchParams(Object.entries(query).filter(([, v]) => v !== undefined && v !== null && v !== ''));
    if ([...search].length) href += '?' + search;
  }
  return href;
}

export function navigate(href, { replace = false } = {}) {
  if (replace) history.replaceState(null, '', href);
  else location.hash = href.replace(/^#/, '');
  if (replace) dispatchEvent(new HashChangeEvent('hashchange'));
}
