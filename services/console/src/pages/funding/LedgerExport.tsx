import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { saveFile } from '../../api/save-file';
import { useSessionStore } from '../../auth/session-context';
import type { LedgerFilter } from '../../funding/funding-api';
import { describeMoveError, type MoveErrorView } from '../../tasks/task-errors';
import { MoveError } from '../tasks/MoveError';

/** `GET /api/v1/exports/funding-ledger?year&format[&programmeId][&kind]`: the ledger of a year. */
export function ledgerExportPath(filter: LedgerFilter, year: number, format: 'csv' | 'xlsx'): string {
  const query = new URLSearchParams({ year: String(year), format });
  if (filter.programmeId) query.set('programmeId', filter.programmeId);
  if (filter.kind) query.set('kind', filter.kind);
  return `/api/v1/exports/funding-ledger?${query.toString()}`;
}

/** CSV and Excel of the ledger for the year in the filter (this year when none is chosen). */
export function LedgerExport({ filter }: { filter: LedgerFilter }) {
  const { t } = useTranslation();
  const store = useSessionStore();
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState('');
  const [error, setError] = useState<MoveErrorView | undefined>();
  const year = filter.year ?? new Date().getFullYear();
  const download = async (format: 'csv' | 'xlsx') => {
    if (busy) return;
    setBusy(true);
    setError(undefined);
    setDone('');
    try {
      const file = await store.download(ledgerExportPath(filter, year, format));
      const filename = file.filename ?? `funding-ledger-${year}.${format}`;
      saveFile(file.blob, filename);
      setDone(t('board.exports.done', { file: filename }));
    } catch (caught) {
      setError(describeMoveError(caught));
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className="card__note" data-testid="ledger-export">
      <p>{t('funding.ledger.exportLead', { year })}</p>
      <div className="button-row button-row--tight">
        {(['csv', 'xlsx'] as const).map((format) => (
          <button
            key={format}
            type="button"
            className="button"
            aria-disabled={busy}
            data-testid={`ledger-export-${format}`}
            onClick={() => void download(format)}
          >
            {t(`funding.ledger.export.${format}`)}
          </button>
        ))}
      </div>
      <p role="status" className="task-moves__done">
        {busy ? t('board.exports.busy') : done}
      </p>
      <div role="alert">{error && <MoveError error={error} onReload={() => setError(undefined)} />}</div>
    </div>
  );
}
