import { downloadText, toCsv, type CsvColumn } from '../lib/csv';
import { useLang } from '../lib/i18n';

interface CsvButtonProps<T> {
  fileName: string;
  rows: readonly T[];
  columns: readonly CsvColumn<T>[];
}

/** Downloads the figures of the table beside it as CSV. */
export function CsvButton<T>({ fileName, rows, columns }: CsvButtonProps<T>) {
  const { t } = useLang();
  return (
    <button type="button" className="button secondary" onClick={() => downloadText(fileName, toCsv(rows, columns))}>
      {t({ vi: 'Tải CSV', en: 'Download CSV' })}
      <span className="visually-hidden"> ({fileName})</span>
    </button>
  );
}
