import { AppError } from '../errors/app-error';
import type { RunRow } from './runs.repository';

/**
 * What a stored run's figures are (METHOD.md §7): a household wave's sample, or a service-point wave, are
 * probability samples; an `open` wave's figures, and a run of a household wave's not-sampled (open-link)
 * responses, are not.
 */
export function isNonProbability(run: Pick<RunRow, 'not_sampled' | 'parameters'>): boolean {
  return run.not_sampled || (run.parameters as { nonProbability?: boolean }).nonProbability === true;
}

/** The notice every screen, export and report of non-probability figures carries. */
export const NON_PROBABILITY_NOTICE = {
  vi: 'Mẫu phi xác suất: số liệu không đến từ một mẫu xác suất và không đại diện cho dân số',
  en: 'Non-probability sample: these figures are not from a probability sample and do not represent the population',
};

/** The notice of a run of a household wave's not-sampled responses. */
export const NOT_SAMPLED_NOTICE = {
  vi: 'Phiếu ngoài mẫu (qua đường dẫn mở), mẫu phi xác suất: không công bố, không xếp hạng, không lập báo cáo',
  en: 'Responses outside the sample (open link), non-probability: never published, ranked or reported',
};

/** The notice a run's figures carry, or null for a probability sample's. */
export function runNotice(run: Pick<RunRow, 'not_sampled' | 'parameters'>): { vi: string; en: string } | null {
  if (run.not_sampled) return NOT_SAMPLED_NOTICE;
  return isNonProbability(run) ? NON_PROBABILITY_NOTICE : null;
}

/**
 * Refuses to publish, rank or report a run of a household wave's not-sampled responses: a 409 problem
 * naming the run and the rule.
 */
export function refuseNotSampled(run: Pick<RunRow, 'not_sampled'>, use: 'publish' | 'report'): void {
  if (!run.not_sampled) return;
  const what = use === 'publish' ? { vi: 'công bố', en: 'published' } : { vi: 'lập báo cáo', en: 'reported' };
  throw new AppError(409, 'not_sampled_run',
    `Lần ước lượng này dùng phiếu ngoài mẫu (mẫu phi xác suất) nên không được ${what.vi}`,
    `This run estimates responses outside the sample (non-probability), so it cannot be ${what.en}`,
    [{ field: 'run', rule: 'not_sampled', message: 'Phiếu ngoài mẫu không bao giờ được công bố, xếp hạng hay lập báo cáo', messageEn: 'Responses outside the sample are never published, ranked or reported' }]);
}
