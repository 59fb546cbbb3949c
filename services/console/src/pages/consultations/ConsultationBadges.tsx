import { useTranslation } from 'react-i18next';
import type { ConsultationStatus, MeetingStatus } from '../../consultations/consultation-types';

const RECORD_TONE: Record<ConsultationStatus, string> = {
  open: 'warning',
  scheduled: 'active',
  discussed: 'info',
  closed: 'done',
};

const MEETING_TONE: Record<MeetingStatus, string> = {
  scheduled: 'active',
  held: 'info',
  minutes_approved: 'success',
  closed: 'done',
};

/** A consultation record's status in words, on a tinted pill. */
export function RecordStatusBadge({ status, testId }: { status: ConsultationStatus; testId?: string }) {
  const { t } = useTranslation();
  return (
    <span
      className={`status-badge status-badge--${RECORD_TONE[status] ?? 'neutral'}`}
      data-testid={testId}
      data-status={status}
    >
      {t(`consultations.status.${status}`)}
    </span>
  );
}

export function MeetingStatusBadge({ status, testId }: { status: MeetingStatus; testId?: string }) {
  const { t } = useTranslation();
  return (
    <span
      className={`status-badge status-badge--${MEETING_TONE[status] ?? 'neutral'}`}
      data-testid={testId}
      data-status={status}
    >
      {t(`consultations.meetingStatus.${status}`)}
    </span>
  );
}
