import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSessionStore } from '../../auth/session-context';
import { describeMoveError, type MoveErrorView } from '../../tasks/task-errors';
import { MoveError } from '../tasks/MoveError';

const EXPORTS = ['responsibility-list', 'progress-ledger'] as const;
const FORMATS = ['csv', 'xlsx'] as const;
type ExportName = (typeof EXPORTS)[number];
type ExportFormat = (typeof FORMATS)[number];

/** `GET /api/v1/exports/{name}?year&format`. */
export function exportPath(name: ExportName, year: number, format: ExportFormat): string {
  return `/api/v1/exports/${name}?${new URLSearchParams({ year: String(year), format }).toString()}`;
}

/** Saves a blob under a name: through an object URL, since the export needs the bearer token a plain link lacks. */
export function save(blob: Blob, filename: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/** The responsibility list (责任清单) and the progress ledger (进展台账) of a year, as CSV or Excel. */
export function ExportPanel({ defaultYear }: { defaultYear: number }) {
  const { t } = useTranslation();
  const store = useSessionStore();
  const [year, setYear] = useState(String(defaultYear));
  const [busy, setBusy] = useState<string | undefined>();
  const [done, setDone] = useState('');
  const [error, setError] = useState<MoveErrorView | undefined>();
  const yearNumber = Number(year);
  const yearValid = Number.isInteger(yearNumber) && yearNumber >= 2000 && yearNumber <= 2100;

  const download = async (name: ExportName, format: ExportFormat) => {
    if (busy || !yearValid) return;
    const id = `${name}-${format}`;
    setBusy(id);
    setError(undefined);
    setDone('');
    try {
      const file = await store.download(exportPath(name, yearNumber, format));
      const filename = file.filename ?? `${name}-${yearNumber}.${format}`;
      save(file.blob, filename);
      setDone(t('board.exports.done', { file: filename }));
    } catch (caught) {
      setError(describeMoveError(caught));
    } finally {
      setBusy(undefined);
    }
  };

  return (
    <section className="card" aria-labelledby="board-exports-heading" data-testid="board-exports">
      <h2 id="board-exports-heading" className="card__title">
        {t('board.exports.title')}
      </h2>
      <p className="card__lead">{t('board.exports.lead')}</p>
      <div className="field">
        <label htmlFor="board-export-year" className="field__label">
          {t('board.exports.year')}
        </label>
        <input
          id="board-export-year"
          className="field__input field__number"
          type="number"
          min={2000}
          max={2100}
          aria-invalid={!yearValid}
          aria-describedby={yearValid ? undefined : 'board-export-year-error'}
          data-testid="board-export-year"
          value={year}
          onChange={(event) => setYear(event.target.value)}
        />
        {!yearValid && (
          <p id="board-export-year-error" className="field__error">
            {t('board.exports.yearInvalid')}
          </p>
        )}
      </div>
      <div className="button-row button-row--tight">
        {EXPORTS.flatMap((name) =>
          FORMATS.map((format) => (
            <button
              key={`${name}-${format}`}
              type="button"
              className="button"
              aria-disabled={busy !== undefined || !yearValid}
              data-testid={`board-export-${name}-${format}`}
              onClick={() => void download(name, format)}
            >
              {t(`board.exports.${name === 'responsibility-list' ? 'responsibility' : 'ledger'}.${format}`)}
            </button>
          )),
        )}
      </div>
      <p role="status" className="task-moves__done" data-testid="board-export-message">
        {busy ? t('board.exports.busy') : done}
      </p>
      <div role="alert">{error && <MoveError error={error} onReload={() => setError(undefined)} />}</div>
    </section>
  );
}
