/** Where in an input file a problem was found; line is 1-based, the header being line 1. */
export interface InputLocation {
  file: string;
  line?: number;
  column?: string;
}

/**
 * Bad input (a CSV row, a questionnaire block): the message names the file, line and column, in Vietnamese
 * first and English after, on one line.
 */
export class InputError extends Error {
  override readonly name = 'InputError';

  constructor(
    readonly location: InputLocation,
    readonly vi: string,
    readonly en: string,
  ) {
    super(`${where(location, 'dòng', 'cột')}: ${vi} / ${where(location, 'line', 'column')}: ${en}`);
  }
}

function where({ file, line, column }: InputLocation, lineWord: string, columnWord: string): string {
  return [file, line !== undefined ? `${lineWord} ${line}` : null, column ? `${columnWord} ${column}` : null]
    .filter(Boolean)
    .join(', ');
}
