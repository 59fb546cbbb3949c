import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { describeActionError, type ActionErrorView } from '../../api/action-error';
import { useSessionStore } from '../../auth/session-context';
import { talentExportPath } from '../../talent/talent-api';
import { ActionErrorBanner } from '../ActionErrorBanner';
import { saveFile as save } from '../../api/save-file';

const FORMATS = ['csv', 'xlsx'] as const;

/** The talent ledger (人才台账, without personal data) as CSV or Excel: fetched with the bearer token, saved as a blob. */
export function TalentExport() {
  const { t } = useTranslation();
  const store = useSessionStore();
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState('');
  const [error, setError] = useState<ActionErrorView | undefined>();

  const download = async (format: (typeof FORMATS)[number]) => {
    if (busy) return;
    setBusy(true);
    setError(undefined);
    setDone('');
    try {
      const file = await store.download(talentExportPath(format));
      const filename = file.filename ?? `talent.${format}`;
      save(file.blob, filename);
      setDone(t('board.exports.done', { file: filename }));
    } catch (caught) {
      setError(describeActionError(caught));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="card" aria-labelledby="talent-export-heading" data-testid="talent-export">
      <h2 id="talent-export-heading" className="card__title">
        {t('talent.export.title')}
      </h2>
      <p className="card__lead">{t('talent.export.lead')}</p>
      <div className="button-row button-row--tight">
        {FORMATS.map((format) => (
          <button
            key={format}
            type="button"
            className="button"
            aria-disabled={busy}
            data-testid={`talent-export-${format}`}
            onClick={() => void download(format)}
          >
            {t(`talent.export.${format}`)}
          </button>
        ))}
      </div>
      <p role="status" className="task-moves__done" data-testid="talent-export-message">
        {busy ? t('board.exports.busy') : done}
      </p>
      {error && <ActionErrorBanner error={error} testId="talent-export-error" />}
    </section>
  );
}
