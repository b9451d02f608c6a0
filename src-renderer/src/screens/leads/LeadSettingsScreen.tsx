import { Skeleton, Stack } from '@mantine/core';
import { IconListCheck } from '@tabler/icons-react';
import { useProcQuery } from '../../api/hooks';
import { PageHeader } from '../../components/PageHeader';
import { QueryError } from '../../components/QueryError';
import { LeadRulesForm } from './LeadRulesForm';
import { LinkButton } from './LinkButton';
import { RescorePanel } from './RescorePanel';
import { ScoreWeightsForm } from './ScoreWeightsForm';

/** `/leads/settings` (admins): how leads are scored and checked, the standard rejection reasons, and the explicit rescoring. */
export function LeadSettingsScreen() {
  const settings = useProcQuery('leads.settings', {});
  return (
    <>
      <PageHeader
        title="Lead settings"
        description="How this workspace scores and checks incoming leads. Every change is recorded in the activity log."
        actions={
          <LinkButton to="/leads/review" variant="default" leftSection={<IconListCheck size={16} />} data-testid="lead-settings-queue">
            Review queue
          </LinkButton>
        }
      />
      {settings.error ? <QueryError error={settings.error} onRetry={() => void settings.refetch()} /> : null}
      {settings.data ? (
        <Stack gap="lg" data-testid="lead-settings">
          {/* Keyed by the saved values: a save elsewhere (another admin, the other form) starts the form from them. */}
          <ScoreWeightsForm key={JSON.stringify(settings.data.weights)} settings={settings.data} />
          <RescorePanel />
          <LeadRulesForm
            key={JSON.stringify([settings.data.protectionWindowDays, settings.data.referenceDealValueMinor, settings.data.minPartnerDecisions, settings.data.rejectionReasons])}
            settings={settings.data}
          />
        </Stack>
      ) : settings.isPending ? (
        <Skeleton h={400} />
      ) : null}
    </>
  );
}
