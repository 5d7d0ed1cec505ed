import type { Agent } from './users';

/** Posts a CSV file as an official would upload it: `text/csv` body, session cookie and CSRF token. */
export function postCsv(agent: Agent, path: string, csv: string): Promise<Response> {
  const headers: Record<string, string> = { 'Content-Type': 'text/csv; charset=utf-8' };
  if (agent.cookie) headers.Cookie = `sipas_session=${agent.cookie}`;
  if (agent.csrfToken) headers['X-CSRF-Token'] = agent.csrfToken;
  return fetch(`${agent.baseUrl}${path}`, { method: 'POST', headers, body: csv });
}

/** A sampling frame: two provinces of the 63-unit list, seven communes with Vietnamese names. */
export const SMALL_FRAME = [
  'province_code,commune_code,commune_name,urban_rural,adult_population',
  '01,00001,Phường Phúc Xá,urban,12000',
  '01,00004,Phường Trúc Bạch,urban,8000',
  '01,00006,Phường Vĩnh Phúc,urban,16000',
  '01,00007,Xã Đông Hội,rural,4000',
  '02,00070,Xã Thanh Thủy,rural,3000',
  '02,00073,Xã Lũng Cú,rural,2500',
  '02,00076,Thị trấn Đồng Văn,urban,4500',
].join('\n');
