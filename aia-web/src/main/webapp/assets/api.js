// The JSON API, as the browser's session uses it: same origin, the session cookie, and X-Requested-With on changes
// (the API's protection against cross-site requests).

export class ApiError extends Error {
  constructor(status, problem) {
    super((problem && (problem.detail || problem.title)) || `HTTP ${status}`);
    this.status = status;
    this.problem = problem;
  }
}

/**
 * A request to the API. `body` is sent as JSON, or as it is with `contentType` (a YAML or CSV file); `signal` cancels it
 * (a page left before its data arrived). Answers are JSON, or text when the API answers text.
 */
export async function api(path, { method = 'GET', body, contentType, signal, version } = {}) {
  const headers = { Accept: 'application/json' };
  if (method !== 'GET') headers['X-Requested-With'] = 'aia-dashboard';
  // The version the page showed: a change made meanwhile by someone else is refused (412) instead of overwritten.
  if (version !== undefined) headers['If-Match'] = `"${version}"`;
  if (body !== undefined) headers['Content-Type'] = contentType || 'application/json';
  const response = await fetch('/api/v1' + path, {
    method, headers, credentials: 'same-origin', signal,
    body: body === undefined ? undefined : contentType ? body : JSON.stringify(body),
  });
  const text = response.status === 204 ? '' : await response.text();
  const json = (response.headers.get('Content-Type') || '').includes('json');
  const data = text ? (json ? JSON.parse(text) : text) : null;
  if (!response.ok) throw new ApiError(response.status, json ? data : null);
  return data;
}

/** Every item of a paged list, following nextCursor (200 a page), up to `max` items: no list is cut at one page. */
export async function all(path, max = 5000, signal = undefined) {
  const items = [];
  let cursor = null;
  do {
    const separator = path.includes('?') ? '&' : '?';
    const page = await api(`${path}${separator}limit=200${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`, { signal });
    items.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor && items.length < max);
  return { items };
}

/** Resolves to the value, or to the fallback when the API answers 403/404 (a feature the caller may not see). */
export async function optional(promise, fallback) {
  try {
    return await promise;
  } catch (e) {
    if (e instanceof ApiError && (e.status === 403 || e.status === 404)) return fallback;
    throw e;
  }
}
