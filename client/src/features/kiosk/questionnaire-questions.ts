interface Element { name?: unknown; elements?: unknown; questions?: unknown }

/** Whether a SurveyJS questionnaire (its JSON, pages, panels) has a question named `name`. */
export function asksQuestion(json: Record<string, unknown>, name: string): boolean {
  const visit = (elements: unknown): boolean => Array.isArray(elements) && elements.some((e: Element) =>
    e?.name === name || visit(e?.elements) || visit(e?.questions));
  return visit(json.pages) || visit(json.elements) || visit(json.questions);
}
