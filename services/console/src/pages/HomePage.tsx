import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useProfile } from '../auth/session-context';
import { homeSectionsFor, showsTargets, TARGET_ROWS, type RoleHome } from '../home/home-content';
import { canView, navItemFor } from '../navigation/nav-items';
import { usePageTitle } from '../shell/use-page-title';
import { PageHeading } from './PageHeading';

function RoleSection({ home, permissions }: { home: RoleHome; permissions: readonly string[] }) {
  const { t } = useTranslation();
  const headingId = `home-role-${home.role}`;
  return (
    <section className="card" aria-labelledby={headingId} data-testid={`home-role-${home.role}`}>
      <h2 id={headingId} className="card__title">
        {t(`roles.${home.role}.name`)}
      </h2>
      <p className="card__lead">{t(home.welcome)}</p>
      <h3 className="card__subtitle">{t('home.dutiesHeading')}</h3>
      <ul className="duty-list">
        {home.duties.map((duty) => (
          <li key={duty.text}>
            {canView(permissions, duty.feature) ? (
              <Link to={navItemFor(duty.feature).path}>{t(duty.text)}</Link>
            ) : (
              t(duty.text)
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}

function TargetsTable() {
  const { t } = useTranslation();
  return (
    <section className="card" aria-labelledby="home-targets" data-testid="home-targets">
      <h2 id="home-targets" className="card__title">
        {t('home.targets.heading')}
      </h2>
      <table className="targets-table">
        <caption>{t('home.targets.caption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('home.targets.indicator')}</th>
            <th scope="col">{t('home.targets.year2020')}</th>
            <th scope="col">{t('home.targets.year2025')}</th>
          </tr>
        </thead>
        <tbody>
          {TARGET_ROWS.map((row) => (
            <tr key={row.indicator}>
              <th scope="row">{t(row.indicator)}</th>
              <td>{t(row.target2020)}</td>
              <td>{t(row.target2025)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="card__note">{t('home.targets.source')}</p>
      <p className="card__note">{t('home.targets.note')}</p>
    </section>
  );
}

export function HomePage() {
  const { t } = useTranslation();
  const { user, permissions } = useProfile();
  usePageTitle(t('nav.dashboard'));
  return (
    <>
      <PageHeading>{t('home.greeting', { name: user.displayName || user.username })}</PageHeading>
      <p className="page-intro">{t('home.intro')}</p>
      <div className="card-grid">
        {homeSectionsFor(user.roles).map((home) => (
          <RoleSection key={home.role} home={home} permissions={permissions} />
        ))}
        {showsTargets(user.roles) && <TargetsTable />}
      </div>
    </>
  );
}
