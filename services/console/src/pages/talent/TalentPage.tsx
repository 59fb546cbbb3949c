import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { useProfile, useSessionStore } from '../../auth/session-context';
import '../../styles/inbox-talent.css';
import { fetchTalent } from '../../talent/talent-api';
import { canOfferPackage, formatFen, type Talent } from '../../talent/talent-types';
import { formatDateTime } from '../../tasks/task-format';
import { DetailStates } from '../DetailStates';
import { useLanguage } from '../tasks/use-language';
import { useResource } from '../tasks/use-resource';
import { FollowUpForm, LinkTaskForm } from './OnboardedForms';
import { PackageDecisionForm, PackageOfferForm } from './PackageForms';

function Fact({ label, children, wide }: { label: string; children: ReactNode; wide?: boolean }) {
  return (
    <div className={wide ? 'facts__item facts__item--wide' : 'facts__item'}>
      <dt>{label}</dt>
      <dd>{children}</dd>
    </div>
  );
}

function Card({ id, title, children, testId }: { id: string; title: string; children: ReactNode; testId?: string }) {
  return (
    <section className="card" aria-labelledby={id} data-testid={testId}>
      <h2 id={id} className="card__title">
        {title}
      </h2>
      {children}
    </section>
  );
}

function Details({ talent }: { talent: Talent }) {
  const { t } = useTranslation();
  return (
    <Card id="talent-details-heading" title={t('talent.detail.details')} testId="talent-details">
      <dl className="facts">
        <Fact label={t('talent.detail.stage')}>
          <span className="status-badge status-badge--info" data-testid="talent-stage" data-stage={talent.stage}>
            {t(`talent.stage.${talent.stage}`)}
          </span>{' '}
          {talent.stalled && <span className="task-flag task-flag--overdue">{t('talent.stalled')}</span>}
        </Fact>
        <Fact label={t('talent.detail.kind')}>{t(`talent.kind.${talent.kind}`)}</Fact>
        <Fact label={t('talent.detail.category')}>{t(`talent.category.${talent.category}`)}</Fact>
        <Fact label={t('talent.detail.source')}>
          {t(`talent.source.${talent.source}`, { defaultValue: talent.source })}
        </Fact>
        <Fact label={t('talent.detail.current')}>{talent.currentOrganisation.name}</Fact>
        <Fact label={t('talent.detail.target')}>{talent.targetOrganisation?.name ?? '—'}</Fact>
        <Fact label={t('talent.detail.fields')} wide>
          {talent.fields.map((field) => t(`talent.field.${field}`, { defaultValue: field })).join('、')}
        </Fact>
        {talent.members.length > 0 && (
          <Fact label={t('talent.detail.members')} wide>
            <ul className="inline-list">
              {talent.members.map((member) => (
                <li key={`${member.name}-${member.role}`}>
                  {member.name}（{member.role}）
                </li>
              ))}
            </ul>
          </Fact>
        )}
      </dl>
    </Card>
  );
}

/** Shown only when the API sent contact details (holders of talent.contacts). */
function Contact({ talent }: { talent: Talent }) {
  const { t } = useTranslation();
  const language = useLanguage();
  if (!talent.contact) return null;
  return (
    <Card id="talent-contact-heading" title={t('talent.detail.contact')} testId="talent-contact">
      <p className="card__lead">{t('talent.detail.contactNote')}</p>
      <dl className="facts">
        <Fact label={t('talent.detail.phone')}>{talent.contact.phone ?? '—'}</Fact>
        <Fact label={t('talent.detail.email')}>{talent.contact.email ?? '—'}</Fact>
        <Fact label={t('talent.detail.address')} wide>
          {talent.contact.address ?? '—'}
        </Fact>
      </dl>
      {talent.contactLog && talent.contactLog.length > 0 && (
        <ul className="timeline">
          {talent.contactLog.map((entry) => (
            <li key={`${entry.at}-${entry.channel}`} className="timeline__entry">
              {formatDateTime(entry.at, language)} · {entry.channel} · {entry.note}
            </li>
          ))}
        </ul>
      )}
    </Card>
  );
}

function Timeline({ talent }: { talent: Talent }) {
  const { t } = useTranslation();
  const language = useLanguage();
  return (
    <Card id="talent-timeline-heading" title={t('talent.detail.timeline')}>
      {talent.history.length === 0 ? (
        <p className="card__empty">{t('talent.detail.noHistory')}</p>
      ) : (
        <ol className="timeline" data-testid="talent-timeline">
          {talent.history.map((entry) => (
            <li key={`${entry.at}-${entry.to}`} className="timeline__entry" data-testid="talent-history-entry">
              <p className="timeline__head">{formatDateTime(entry.at, language)}</p>
              <p className="timeline__what">
                {t('talent.detail.moved', {
                  from: t(`talent.stage.${entry.from}`, { defaultValue: entry.from }),
                  to: t(`talent.stage.${entry.to}`, { defaultValue: entry.to }),
                })}
              </p>
              {entry.note && <p className="timeline__text">{entry.note}</p>}
            </li>
          ))}
        </ol>
      )}
    </Card>
  );
}

function Package({
  talent,
  canManage,
  onChanged,
}: {
  talent: Talent;
  canManage: boolean;
  onChanged: (t: Talent) => void;
}) {
  const { t } = useTranslation();
  const { permissions } = useProfile();
  const pkg = talent.package;
  const allocation = pkg?.allocation;
  return (
    <Card id="talent-package-heading" title={t('talent.package.heading')} testId="talent-package">
      {!pkg ? (
        <p className="card__empty">{t('talent.package.none')}</p>
      ) : (
        <>
          <dl className="facts">
            <Fact label={t('talent.package.status')}>
              <span data-testid="talent-package-status" data-status={pkg.status}>
                {t(`talent.package.statuses.${pkg.status}`)}
              </span>
            </Fact>
            <Fact label={t('talent.package.amount')}>
              <span data-testid="talent-package-amount">{formatFen(pkg.amount)}</span>
            </Fact>
            <Fact label={t('talent.package.version')}>{pkg.version}</Fact>
            {pkg.conditions && (
              <Fact label={t('talent.package.conditions')} wide>
                {pkg.conditions}
              </Fact>
            )}
            {allocation && (
              <Fact label={t('talent.package.allocation')} wide>
                <span data-testid="talent-allocation-state">
                  {t(`talent.package.allocationStates.${allocation.state}`)} · {allocation.programmeId} ·{' '}
                  {allocation.year}
                </span>
                {allocation.reason && <> · {allocation.reason}</>}
                {allocation.allocationId && permissions.includes('funding.view') && (
                  <>
                    {' '}
                    <Link to={`/funding/allocations/${allocation.allocationId}`} data-testid="talent-allocation-link">
                      {t('talent.package.openAllocation')}
                    </Link>
                  </>
                )}
              </Fact>
            )}
          </dl>
          <table className="data-table">
            <caption className="visually-hidden">{t('talent.package.terms')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('talent.package.termKind')}</th>
                <th scope="col">{t('talent.package.termDescription')}</th>
                <th scope="col">{t('talent.package.termAmount')}</th>
              </tr>
            </thead>
            <tbody>
              {pkg.terms.map((term, index) => (
                <tr key={index}>
                  <td>{t(`talent.package.kinds.${term.kind}`, { defaultValue: term.kind })}</td>
                  <td>{term.description}</td>
                  <td className="data-table__nowrap">{term.amount === undefined ? '—' : formatFen(term.amount)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
      {canManage && pkg?.status === 'offered' && <PackageDecisionForm talent={talent} onDecided={onChanged} />}
      {canManage && canOfferPackage(talent) && <PackageOfferForm talent={talent} onOffered={onChanged} />}
    </Card>
  );
}

function LinksAndFollowUps({
  talent,
  canManage,
  onChanged,
}: {
  talent: Talent;
  canManage: boolean;
  onChanged: (talent: Talent) => void;
}) {
  const { t } = useTranslation();
  const { links, followUps } = talent;
  const none = links.taskCodes.length === 0 && !links.expertId && links.consultationIds.length === 0;
  return (
    <>
      <Card id="talent-links-heading" title={t('talent.detail.links')} testId="talent-links">
        {none ? (
          <p className="card__empty">{t('talent.detail.noLinks')}</p>
        ) : (
          <ul className="inline-list">
            {links.taskCodes.map((code) => (
              <li key={code}>
                <Link to={`/tasks/${code}`}>{t('talent.detail.task', { code })}</Link>
              </li>
            ))}
            {links.expertId && <li>{t('talent.detail.expert', { id: links.expertId })}</li>}
            {links.consultationIds.map((id) => (
              <li key={id}>{t('talent.detail.consultation', { id })}</li>
            ))}
          </ul>
        )}
        {canManage && talent.stage === 'onboarded' && <LinkTaskForm talent={talent} onLinked={onChanged} />}
      </Card>
      <Card id="talent-follow-ups-heading" title={t('talent.detail.followUps')} testId="talent-follow-ups">
        {followUps.length === 0 ? (
          <p className="card__empty">{t('talent.detail.noFollowUps')}</p>
        ) : (
          <table className="data-table">
            <thead>
              <tr>
                <th scope="col">{t('talent.detail.year')}</th>
                <th scope="col">{t('talent.detail.stillInCity')}</th>
                <th scope="col">{t('talent.detail.patents')}</th>
                <th scope="col">{t('talent.detail.products')}</th>
                <th scope="col">{t('talent.detail.companies')}</th>
              </tr>
            </thead>
            <tbody>
              {followUps.map((row) => (
                <tr key={row.year}>
                  <th scope="row">{row.year}</th>
                  <td>{row.stillInCity ? t('talent.detail.yes') : t('talent.detail.no')}</td>
                  <td>{row.patents}</td>
                  <td>{row.products}</td>
                  <td>{row.companiesFounded}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        {canManage && talent.stage === 'onboarded' && <FollowUpForm talent={talent} onRecorded={onChanged} />}
      </Card>
    </>
  );
}

function TalentLoader({ id }: { id: string }) {
  const { t } = useTranslation();
  const store = useSessionStore();
  const { permissions } = useProfile();
  const { resource, reload, replace } = useResource(id, (signal) => fetchTalent(store, id, signal));
  return (
    <DetailStates
      resource={resource}
      reload={reload}
      back={{ to: '/talent', label: t('talent.back'), testId: 'talent-back' }}
      loadingHeading={t('nav.talent')}
      notFound={{ heading: t('talent.notFound'), body: t('talent.notFoundBody') }}
      testIdPrefix="talent"
      title={(talent) => talent.name}
    >
      {(talent) => (
        <div className="task-detail__body" data-testid="talent-detail">
          <Details talent={talent} />
          <Contact talent={talent} />
          <Timeline talent={talent} />
          <Package talent={talent} canManage={permissions.includes('talent.manage')} onChanged={replace} />
          <LinksAndFollowUps talent={talent} canManage={permissions.includes('talent.manage')} onChanged={replace} />
        </div>
      )}
    </DetailStates>
  );
}

/** `#/talent/:id`: one record, its contact details (if the API sent them), timeline, package, links, follow-ups. */
export function TalentPage() {
  const { id = '' } = useParams();
  return <TalentLoader key={id} id={id} />;
}
