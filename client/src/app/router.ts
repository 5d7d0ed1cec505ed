import { useEffect, useState } from 'react';

export type Route =
  | { page: 'home' }
  | { page: 'waves'; mode: 'survey' | 'kiosk' }
  | { page: 'survey'; wave: string }
  | { page: 'kiosk'; wave: string }
  | { page: 'admin'; path: string[] }
  | { page: 'not-found' };

/** The handful of pages the platform has; no router library needed for these. */
export function matchRoute(pathname: string): Route {
  const parts = pathname.split('/').filter(Boolean).map(decodeURIComponent);
  if (parts.length === 0) return { page: 'home' };
  if (parts[0] === 's' && parts.length === 1) return { page: 'waves', mode: 'survey' };
  if (parts[0] === 'kiosk' && parts.length === 1) return { page: 'waves', mode: 'kiosk' };
  if (parts[0] === 's' && parts.length === 2) return { page: 'survey', wave: parts[1] };
  if (parts[0] === 'kiosk' && parts.length === 2) return { page: 'kiosk', wave: parts[1] };
  if (parts[0] === 'admin') return { page: 'admin', path: parts.slice(1) };
  return { page: 'not-found' };
}

export function useRoute(): Route {
  const [route, setRoute] = useState(() => matchRoute(location.pathname));
  useEffect(() => {
    const onPop = () => setRoute(matchRoute(location.pathname));
    addEventListener('popstate', onPop);
    return () => removeEventListener('popstate', onPop);
  }, []);
  return route;
}
