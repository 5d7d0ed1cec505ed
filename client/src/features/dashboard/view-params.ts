import { queryParams } from '../../lib/navigate';
import type { Geography, OfficialWave } from './types';

/** The most recent wave that has results, else the most recent wave. */
function defaultWave(waves: readonly OfficialWave[]): OfficialWave | null {
  return waves.find((w) => w.runs.some((r) => r.status === 'succeeded')) ?? waves[0] ?? null;
}

/**
 * The wave and geography the page shows, from the query (`?wave=…&geo=…`): a wave on the 34 units is
 * always shown on them; a wave on the 63 provinces on its own units unless the 34 are asked for.
 */
export function viewParams(waves: readonly OfficialWave[]): { wave: OfficialWave | null; geography: Geography } {
  const q = queryParams();
  const wave = waves.find((w) => w.id === q.get('wave')) ?? defaultWave(waves);
  const asked = q.get('geo');
  const geography: Geography = wave?.geography === 'vn-34' || asked === 'vn-34' ? 'vn-34' : 'vn-63';
  return { wave, geography: wave ? geography : 'vn-34' };
}
