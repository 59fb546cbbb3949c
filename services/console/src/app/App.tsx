import { Navigate, Route, Routes, useLocation } from 'react-router';
import { useProfile, useSession } from '../auth/session-context';
import type { ReactNode } from 'react';
import {
  canView,
  isPlaceholderFeature,
  NAV_ITEMS,
  type Feature,
  type NavItem,
  type PlaceholderFeature,
} from '../navigation/nav-items';
import { FeaturePlaceholderPage } from '../pages/FeaturePlaceholderPage';
import { HomePage } from '../pages/HomePage';
import { ForbiddenPage, NotFoundPage } from '../pages/MessagePage';
import { RestoringPage, UnreachablePage } from '../pages/SessionStatusPage';
import { SignInPage } from '../pages/SignInPage';
import { BoardPage } from '../pages/board/BoardPage';
import { ImportPage } from '../pages/import/ImportPage';
import { InboxPage } from '../pages/inbox/InboxPage';
import { ReviewPage } from '../pages/inbox/ReviewPage';
import { TalentBoardPage } from '../pages/talent/TalentBoardPage';
import { TalentFiguresPage } from '../pages/talent/TalentFiguresPage';
import { TalentPage } from '../pages/talent/TalentPage';
import { TaskDetailPage } from '../pages/tasks/TaskDetailPage';
import { TaskListPage } from '../pages/tasks/TaskListPage';
import { AppShell } from '../shell/AppShell';
import { CalendarPage } from '../pages/consultations/CalendarPage';
import { ConsultationBoardPage } from '../pages/consultations/ConsultationBoardPage';
import { ConsultationRecordPage } from '../pages/consultations/ConsultationRecordPage';
import { MeetingPage } from '../pages/consultations/MeetingPage';
import { MeetingsPage } from '../pages/consultations/MeetingsPage';
import { ScheduleMeetingPage } from '../pages/consultations/ScheduleMeetingPage';
import { AllocationPage } from '../pages/funding/AllocationPage';
import { ApprovalQueuePage } from '../pages/funding/ApprovalQueuePage';
import { BudgetsPage } from '../pages/funding/BudgetsPage';
import { LedgerPage } from '../pages/funding/LedgerPage';

export const SIGN_IN_PATH = '/sign-in';

interface SignInState {
  readonly from?: string;
}

function Guarded({ feature, children }: { feature: Feature; children: ReactNode }) {
  const { permissions } = useProfile();
  // The server enforces this too; the console only avoids offering what would be refused.
  return canView(permissions, feature) ? children : <ForbiddenPage />;
}

/** A page inside a feature that needs more than seeing it (e.g. the approval queue needs funding.manage). */
function NeedsPermission({ permission, children }: { permission: string; children: ReactNode }) {
  const { permissions } = useProfile();
  return permissions.includes(permission) ? children : <ForbiddenPage />;
}

/** `#/funding`: officers who manage funds start at their approval queue, everyone else at budget use. */
function FundingHome() {
  const { permissions } = useProfile();
  return <Navigate to={permissions.includes('funding.manage') ? '/funding/queue' : '/funding/budgets'} replace />;
}

const FUNDING_ROUTES: readonly [string, ReactNode][] = [
  ['/funding', <FundingHome />],
  [
    '/funding/queue',
    <NeedsPermission permission="funding.manage">
      <ApprovalQueuePage />
    </NeedsPermission>,
  ],
  ['/funding/allocations/:id', <AllocationPage />],
  ['/funding/budgets', <BudgetsPage />],
  ['/funding/ledger', <LedgerPage />],
];

const CONSULTATION_ROUTES: readonly [string, ReactNode][] = [
  ['/consultations', <ConsultationBoardPage />],
  ['/consultations/:id', <ConsultationRecordPage />],
  ['/meetings', <MeetingsPage />],
  ['/meetings/calendar', <CalendarPage />],
  [
    '/meetings/new',
    <NeedsPermission permission="consultations.manage">
      <ScheduleMeetingPage />
    </NeedsPermission>,
  ],
  ['/meetings/:id', <MeetingPage />],
];

function isPlaceholderItem(item: NavItem): item is NavItem & { feature: PlaceholderFeature } {
  return isPlaceholderFeature(item.feature);
}

function SignedInRoutes() {
  return (
    <Routes>
      <Route element={<AppShell />}>
        <Route index element={<HomePage />} />
        <Route
          path="/tasks"
          element={
            <Guarded feature="tasks">
              <TaskListPage />
            </Guarded>
          }
        />
        <Route
          path="/tasks/:code"
          element={
            <Guarded feature="tasks">
              <TaskDetailPage />
            </Guarded>
          }
        />
        <Route
          path="/board"
          element={
            <Guarded feature="board">
              <BoardPage />
            </Guarded>
          }
        />
        <Route
          path="/import"
          element={
            // Importing and publishing plans is the office's, like the board (same permission: tasks.manage).
            <Guarded feature="board">
              <ImportPage />
            </Guarded>
          }
        />
        {FUNDING_ROUTES.map(([path, page]) => (
          <Route key={path} path={path} element={<Guarded feature="funding">{page}</Guarded>} />
        ))}
        {CONSULTATION_ROUTES.map(([path, page]) => (
          <Route key={path} path={path} element={<Guarded feature="consultations">{page}</Guarded>} />
        ))}
        <Route
          path="/inbox"
          element={
            <Guarded feature="inbox">
              <InboxPage />
            </Guarded>
          }
        />
        <Route
          path="/inbox/reviews/:id"
          element={
            <Guarded feature="inbox">
              <ReviewPage />
            </Guarded>
          }
        />
        <Route
          path="/talent"
          element={
            <Guarded feature="talent">
              <TalentBoardPage />
            </Guarded>
          }
        />
        <Route
          path="/talent/figures"
          element={
            <Guarded feature="talent">
              <TalentFiguresPage />
            </Guarded>
          }
        />
        <Route
          path="/talent/:id"
          element={
            <Guarded feature="talent">
              <TalentPage />
            </Guarded>
          }
        />
        {NAV_ITEMS.filter(isPlaceholderItem).map((item) => (
          <Route
            key={item.feature}
            path={`${item.path}/*`}
            element={
              <Guarded feature={item.feature}>
                <FeaturePlaceholderPage feature={item.feature} />
              </Guarded>
            }
          />
        ))}
        <Route path="*" element={<NotFoundPage />} />
      </Route>
    </Routes>
  );
}

/** Routes by session state: restoring, unreachable, signed out (only the sign-in form) or signed in (the shell). */
export function App() {
  const session = useSession();
  const location = useLocation();

  if (session.status === 'restoring') return <RestoringPage />;
  if (session.status === 'unreachable') return <UnreachablePage />;

  if (session.status === 'signed-out') {
    if (location.pathname === SIGN_IN_PATH) return <SignInPage reason={session.reason} />;
    // After an expiry or on a deep link, come back to the same page once signed in; after a sign-out, start at home.
    const keepPlace = session.reason === 'none' || session.reason === 'expired';
    const from = keepPlace && location.pathname !== '/' ? `${location.pathname}${location.search}` : undefined;
    return <Navigate to={SIGN_IN_PATH} replace state={{ from } satisfies SignInState} />;
  }

  if (location.pathname === SIGN_IN_PATH) {
    const from = (location.state as SignInState | null)?.from;
    return <Navigate to={from && from.startsWith('/') && !from.startsWith('//') ? from : '/'} replace />;
  }
  return <SignedInRoutes />;
}
