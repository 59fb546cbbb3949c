import { useTranslation } from 'react-i18next';
import type { AllocationStatus, TrancheStatus } from '../../funding/funding-types';

const ALLOCATION_TONE: Record<AllocationStatus, string> = {
  draft: 'neutral',
  submitted: 'info',
  eligibility_checked: 'info',
  under_review: 'active',
  approved: 'success',
  rejected: 'muted',
  closed: 'done',
};

const TRANCHE_TONE: Record<TrancheStatus, string> = {
  scheduled: 'neutral',
  payable: 'active',
  held: 'warning',
  disbursed: 'success',
  cancelled: 'muted',
};

/** An allocation's status in words, on a tinted pill (the colour repeats the words). */
export function AllocationStatusBadge({ status, testId }: { status: AllocationStatus; testId?: string }) {
  const { t } = useTranslation();
  return (
    <span
      className={`status-badge status-badge--${ALLOCATION_TONE[status] ?? 'neutral'}`}
      data-testid={testId}
      data-status={status}
    >
      {t(`funding.allocationStatus.${status}`)}
    </span>
  );
}

export function TrancheStatusBadge({ status, testId }: { status: TrancheStatus; testId?: string }) {
  const { t } = useTranslation();
  return (
    <span
      className={`status-badge status-badge--${TRANCHE_TONE[status] ?? 'neutral'}`}
      data-testid={testId}
      data-status={status}
    >
      {t(`funding.trancheStatus.${status}`)}
    </span>
  );
}
