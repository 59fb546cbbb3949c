import { useEffect, useState, type DragEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { describeActionError, type ActionErrorView } from '../../api/action-error';
import { useProfile, useSessionStore } from '../../auth/session-context';
import { PAGE_TITLE_ID } from '../../shell/AppShell';
import { usePageTitle } from '../../shell/use-page-title';
import '../../styles/inbox-talent.css';
import { fetchTalentList, moveTalent } from '../../talent/talent-api';
import {
  groupByStage,
  needsReason,
  nextPipelineStage,
  nextStages,
  type Talent,
  type TalentStage,
} from '../../talent/talent-types';
import { PageHeading } from '../PageHeading';
import { ResourceFailed } from '../tasks/LoadFailed';
import { ReasonDialog } from '../tasks/ReasonDialog';
import { useResource } from '../tasks/use-resource';
import { TalentCreateForm } from './TalentCreateForm';
import { TalentExport } from './TalentExport';
import { TalentMoveError } from './TalentMoveError';

const DRAG_TYPE = 'application/x-talent-id';

interface Pending {
  readonly talent: Talent;
  readonly to: TalentStage;
}

function StalledMark({ talent }: { talent: Talent }) {
  const { t } = useTranslation();
  if (!talent.stalled) return null;
  return (
    <span className="task-flag task-flag--overdue" data-testid="talent-stalled">
      {t('talent.stalled')}
    </span>
  );
}

function Card({
  talent,
  canManage,
  busy,
  onMove,
}: {
  talent: Talent;
  canManage: boolean;
  busy: boolean;
  onMove: (talent: Talent, to: TalentStage) => void;
}) {
  const { t } = useTranslation();
  const next = nextPipelineStage(talent.stage);
  const endings = nextStages(talent.stage).filter(needsReason);
  return (
    <li
      className="board-card talent-card"
      data-testid={`talent-card-${talent.id}`}
      data-stage={talent.stage}
      draggable={canManage && nextStages(talent.stage).length > 0}
      onDragStart={(event) => {
        event.dataTransfer.setData(DRAG_TYPE, talent.id);
        event.dataTransfer.setData('text/plain', talent.id);
        event.dataTransfer.effectAllowed = 'move';
      }}
    >
      <Link to={`/talent/${talent.id}`} className="board-card__link" id={`talent-link-${talent.id}`}>
        {talent.name}
      </Link>
      <p className="board-card__meta">
        {t(`talent.category.${talent.category}`)} · {talent.currentOrganisation.name}
      </p>
      <StalledMark talent={talent} />
      {canManage && (next || endings.length > 0) && (
        <div className="talent-card__actions">
          {next && (
            <button
              type="button"
              className="button button--quiet"
              aria-disabled={busy}
              data-testid="talent-advance"
              aria-label={t('talent.board.advanceLabel', { name: talent.name, stage: t(`talent.stage.${next}`) })}
              onClick={() => onMove(talent, next)}
            >
              {t('talent.board.advance', { stage: t(`talent.stage.${next}`) })}
            </button>
          )}
          {endings.map((to) => (
            <button
              key={to}
              type="button"
              className="button button--quiet"
              aria-disabled={busy}
              data-testid={`talent-end-${to}`}
              aria-label={t('talent.board.endLabel', { name: talent.name, stage: t(`talent.stage.${to}`) })}
              onClick={() => onMove(talent, to)}
            >
              {t(`talent.board.end.${to}`)}
            </button>
          ))}
        </div>
      )}
    </li>
  );
}

function Column({
  stage,
  records,
  canManage,
  busyId,
  onMove,
  onDropCard,
}: {
  stage: TalentStage;
  records: readonly Talent[];
  canManage: boolean;
  busyId: string | undefined;
  onMove: (talent: Talent, to: TalentStage) => void;
  onDropCard: (id: string, to: TalentStage) => void;
}) {
  const { t } = useTranslation();
  const [over, setOver] = useState(false);
  const headingId = `talent-column-${stage}`;
  const accept = (event: DragEvent) => {
    if (!canManage) return;
    event.preventDefault();
    event.dataTransfer.dropEffect = 'move';
    setOver(true);
  };
  return (
    <section
      className={over ? 'board-column talent-column talent-column--over' : 'board-column talent-column'}
      aria-labelledby={headingId}
      data-testid={`talent-column-${stage}`}
      onDragEnter={accept}
      onDragOver={accept}
      onDragLeave={() => setOver(false)}
      onDrop={(event) => {
        event.preventDefault();
        setOver(false);
        const id = event.dataTransfer.getData(DRAG_TYPE) || event.dataTransfer.getData('text/plain');
        if (id) onDropCard(id, stage);
      }}
    >
      <h2 id={headingId} className="board-column__title">
        {t(`talent.stage.${stage}`)}
        <span className="board-column__count">{t('talent.board.count', { n: records.length })}</span>
      </h2>
      {records.length === 0 ? (
        <p className="card__empty">{t('talent.board.emptyColumn')}</p>
      ) : (
        <ul className="board-cards">
          {records.map((talent) => (
            <Card key={talent.id} talent={talent} canManage={canManage} busy={busyId !== undefined} onMove={onMove} />
          ))}
        </ul>
      )}
    </section>
  );
}

/**
 * `#/talent`: the talent office's pipeline board, one column per stage. A card moves by drag and drop or by its
 * buttons (the next stage; declined/withdrawn ask for a reason). The server decides: a refused move is shown with
 * its explanation and the stages allowed instead, and the card stays where it was.
 */
export function TalentBoardPage() {
  const { t } = useTranslation();
  const store = useSessionStore();
  const { permissions } = useProfile();
  const canManage = permissions.includes('talent.manage');
  usePageTitle(t('nav.talent'));
  const { resource, reload, replace } = useResource('talent-board', (signal) => fetchTalentList(store, signal));
  const [asking, setAsking] = useState<Pending | undefined>();
  const [busyId, setBusyId] = useState<string | undefined>();
  const [error, setError] = useState<{ view: ActionErrorView; pending: Pending } | undefined>();
  const [done, setDone] = useState('');
  const [focusId, setFocusId] = useState<string | undefined>();
  const records = resource.status === 'loaded' ? resource.data : [];

  // The moved card is now in another column: keep the focus on it.
  useEffect(() => {
    if (!focusId) return;
    setFocusId(undefined);
    document.getElementById(`talent-link-${focusId}`)?.focus();
  }, [focusId]);

  const send = async (pending: Pending, note?: string) => {
    if (busyId) return;
    setBusyId(pending.talent.id);
    setError(undefined);
    setDone('');
    try {
      const moved = await moveTalent(store, pending.talent, pending.to, note);
      setAsking(undefined);
      replace(records.map((record) => (record.id === moved.id ? moved : record)));
      setDone(t('talent.board.moved', { name: moved.name, stage: t(`talent.stage.${moved.stage}`) }));
      if (!note) setFocusId(moved.id);
    } catch (caught) {
      const view = describeActionError(caught);
      if (!(asking && (view.fields.note?.length ?? 0) > 0)) setAsking(undefined);
      setError({ view, pending });
    } finally {
      setBusyId(undefined);
    }
  };

  const move = (talent: Talent, to: TalentStage) => {
    if (to === talent.stage) return;
    setError(undefined);
    if (needsReason(to)) setAsking({ talent, to });
    else void send({ talent, to });
  };

  const dropped = (id: string, to: TalentStage) => {
    const talent = records.find((record) => record.id === id);
    if (talent) move(talent, to);
  };

  return (
    <div className="talent-board">
      <PageHeading>{t('nav.talent')}</PageHeading>
      <p className="page-intro">{canManage ? t('talent.board.introManage') : t('talent.board.intro')}</p>
      <p className="button-row button-row--tight">
        <Link to="/talent/figures" data-testid="talent-figures-link">
          {t('talent.figures.title')}
        </Link>
      </p>
      <p role="status" className="task-moves__done" data-testid="talent-move-message">
        {busyId ? t('talent.board.moving') : done}
      </p>
      {error && (
        <TalentMoveError
          error={error.view}
          name={error.pending.talent.name}
          to={error.pending.to}
          onReload={() => {
            setError(undefined);
            document.getElementById(PAGE_TITLE_ID)?.focus();
            reload();
          }}
        />
      )}
      {canManage && resource.status === 'loaded' && (
        <TalentCreateForm onCreated={(created) => replace([created, ...records])} />
      )}
      {resource.status === 'loading' && (
        <p className="list-status" role="status">
          {t('common.loading')}
        </p>
      )}
      <ResourceFailed resource={resource} onRetry={reload} testId="talent-load-error" />
      {resource.status === 'loaded' && (
        <div className="board-columns" data-testid="talent-board">
          {groupByStage(records).map(({ stage, records: inStage }) => (
            <Column
              key={stage}
              stage={stage}
              records={inStage}
              canManage={canManage}
              busyId={busyId}
              onMove={move}
              onDropCard={dropped}
            />
          ))}
        </div>
      )}
      <TalentExport />
      {asking && (
        <ReasonDialog
          title={t('talent.board.reasonTitle', {
            name: asking.talent.name,
            stage: t(`talent.stage.${asking.to}`),
          })}
          prompt={t('talent.board.reasonPrompt')}
          submitLabel={t(`talent.board.end.${needsReason(asking.to) ? asking.to : 'withdrawn'}`)}
          busy={busyId !== undefined}
          serverErrors={error?.view.fields.note ?? []}
          onCancel={() => setAsking(undefined)}
          onConfirm={(note) => void send(asking, note)}
          fallbackFocusId={PAGE_TITLE_ID}
        />
      )}
    </div>
  );
}
