import { DEFAULT_TIME_ZONE, todayIn } from '@shared/calendar';
import { useProcQuery } from '../../api/hooks';

/**
 * Today in the workspace's time zone (its `timeZone` setting), as the server counts it; for a
 * date picker's minimum only: whether a date is in the past is still the server's to say.
 */
export function useWorkspaceToday(): string {
  const settings = useProcQuery('workspaces.settings', {});
  return todayIn(settings.data?.timeZone ?? DEFAULT_TIME_ZONE, new Date());
}
