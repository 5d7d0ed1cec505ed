/**
 * Moves to another page of the single-page app (path and query) without reloading it: the router listens
 * for `popstate`, which pushState alone does not fire.
 */
export function navigate(to: string, options: { replace?: boolean } = {}): void {
  if (options.replace) history.replaceState(null, '', to);
  else history.pushState(null, '', to);
  dispatchEvent(new PopStateEvent('popstate'));
}

/** The current query string's parameters (the router re-renders on every navigation). */
export function queryParams(): URLSearchParams {
  return new URLSearchParams(location.search);
}
