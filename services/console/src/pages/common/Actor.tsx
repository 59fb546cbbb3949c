import { useTranslation } from 'react-i18next';
import { useProfile } from '../../auth/session-context';
import { actorMessage } from '../../tasks/task-format';

/** Who did something: "you", or the user's (shortened) id with the whole id as a tooltip. */
export function Actor({ by }: { by: string }) {
  const { t } = useTranslation();
  const { user } = useProfile();
  const actor = actorMessage(by, user.id);
  return <span title={actor.full}>{t(actor.key, actor.values)}</span>;
}
