import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { BoardFilters } from '../../board/board-query';
import { chineseNumeral } from '../../tasks/task-format';
import { riskLevelKey } from '../../tasks/task-labels';
import { isRiskLevel, RISK_LEVELS } from '../../tasks/task-types';
import { useLanguage } from '../tasks/use-language';

/** The policy text's parts the board offers to filter by (一 … 十). */
const SECTIONS = Array.from({ length: 10 }, (_, i) => i + 1);

/** The board's filters: policy section, risk level, overdue only, and words (applied with the search button). */
export function BoardFiltersForm({
  filters,
  onChange,
}: {
  filters: BoardFilters;
  onChange: (next: BoardFilters) => void;
}) {
  const { t } = useTranslation();
  const language = useLanguage();
  const [words, setWords] = useState(filters.q ?? '');
  const clear = () => {
    setWords('');
    onChange({ view: filters.view, overdue: false });
    document.getElementById('board-filter-section')?.focus();
  };
  return (
    <form
      className="filters"
      aria-labelledby="board-filters-heading"
      role="search"
      onSubmit={(event) => {
        event.preventDefault();
        const q = words.trim();
        onChange({ ...filters, q: q || undefined });
      }}
    >
      <h2 id="board-filters-heading" className="visually-hidden">
        {t('board.filters.heading')}
      </h2>
      <div className="filters__field">
        <label htmlFor="board-filter-section" className="field__label">
          {t('board.filters.section')}
        </label>
        <select
          id="board-filter-section"
          className="field__input field__select"
          data-testid="board-filter-section"
          value={filters.section ?? ''}
          onChange={(event) => {
            const section = Number(event.target.value);
            onChange({ ...filters, section: section > 0 ? section : undefined });
          }}
        >
          <option value="">{t('board.filters.anySection')}</option>
          {SECTIONS.map((n) => (
            <option key={n} value={n}>
              {t('board.filters.sectionNumber', { n: language === 'en' ? n : chineseNumeral(n) })}
            </option>
          ))}
        </select>
      </div>
      <div className="filters__field">
        <label htmlFor="board-filter-risk" className="field__label">
          {t('board.filters.risk')}
        </label>
        <select
          id="board-filter-risk"
          className="field__input field__select"
          data-testid="board-filter-risk"
          value={filters.riskLevel ?? ''}
          onChange={(event) => {
            const value = event.target.value;
            onChange({ ...filters, riskLevel: isRiskLevel(value) ? value : undefined });
          }}
        >
          <option value="">{t('board.filters.anyRisk')}</option>
          {RISK_LEVELS.map((level) => (
            <option key={level} value={level}>
              {t(riskLevelKey(level) ?? 'tasks.risk.none')}
            </option>
          ))}
        </select>
      </div>
      <div className="filters__field filters__field--check">
        <input
          id="board-filter-overdue"
          type="checkbox"
          className="checkbox"
          data-testid="board-filter-overdue"
          checked={filters.overdue}
          onChange={(event) => onChange({ ...filters, overdue: event.target.checked })}
        />
        <label htmlFor="board-filter-overdue">{t('board.filters.overdue')}</label>
      </div>
      <div className="filters__field filters__field--wide">
        <label htmlFor="board-filter-q" className="field__label">
          {t('board.filters.words')}
        </label>
        <input
          id="board-filter-q"
          type="search"
          className="field__input"
          maxLength={100}
          data-testid="board-filter-q"
          value={words}
          onChange={(event) => setWords(event.target.value)}
        />
      </div>
      <button type="submit" className="button" data-testid="board-filter-search">
        {t('board.filters.search')}
      </button>
      <button type="button" className="button button--quiet" data-testid="board-filter-clear" onClick={clear}>
        {t('board.filters.clear')}
      </button>
    </form>
  );
}
