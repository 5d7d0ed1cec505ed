import type { Geography } from './types';

const enc = encodeURIComponent;

export const dashboardUrls = {
  waves: () => '/api/dashboard/waves',
  overview: (wave: string, geography: Geography) => `/api/dashboard/waves/${enc(wave)}/overview?geography=${geography}`,
  rankings: (wave: string, geography: Geography, indicator: string) =>
    `/api/dashboard/waves/${enc(wave)}/rankings?geography=${geography}&indicator=${enc(indicator)}`,
  province: (wave: string, geography: Geography, code: string) =>
    `/api/dashboard/waves/${enc(wave)}/provinces/${enc(code)}?geography=${geography}`,
  perceptions: (wave: string, geography: Geography, province?: string) =>
    `/api/dashboard/waves/${enc(wave)}/perceptions?geography=${geography}${province ? `&province=${enc(province)}` : ''}`,
  startRun: (wave: string) => `/api/waves/${enc(wave)}/runs`,
};

/** Client pages of the officials' area; the query keeps the chosen wave and geography across pages. */
export const pageUrls = {
  dashboard: (wave: string, geography: Geography, extra: Record<string, string> = {}) =>
    `/admin?${new URLSearchParams({ wave, geo: geography, ...extra })}`,
  province: (wave: string, geography: Geography, code: string) =>
    `/admin/provinces/${enc(code)}?${new URLSearchParams({ wave, geo: geography })}`,
};
