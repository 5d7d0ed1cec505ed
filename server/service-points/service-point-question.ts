import type { ValidationPlan } from '../surveys/validation-plan';

/**
 * The question naming where the respondent was served (`surveys/service-point.json`). Its choices are
 * the platform's service points; a questionnaire that asks it is one a kiosk can collect.
 */
export const SERVICE_POINT_QUESTION = 'service_point';

export function asksForServicePoint(plan: ValidationPlan): boolean {
  return plan.fieldsByName.has(SERVICE_POINT_QUESTION);
}
