import { Paper } from '@mantine/core';
import { useNavigate } from '@tanstack/react-router';
import { SubmitLeadForm } from '../../leads/SubmitLeadDrawer';
import { PortalPage } from '../shell/PortalPage';

/**
 * `/portal/leads/new`: the staff submit form, for the session's own partner. Each visit is a new
 * form with its own idempotency key (a double click or a retry returns the first lead). After
 * the submission the lead's page opens, where a duplicate warning shows if the server found one.
 */
export function PortalLeadNewScreen() {
  const navigate = useNavigate();
  return (
    <PortalPage title="Submit a lead" description="A new lead or a referral. Your organisation is the partner; the score and any duplicate check come back at once." testId="portal-lead-new">
      <Paper withBorder radius="md" p={{ base: 'md', sm: 'lg' }} maw={760}>
        <SubmitLeadForm
          onClose={() => void navigate({ to: '/portal/leads' })}
          onSubmitted={(id) => void navigate({ to: '/portal/leads/$id', params: { id }, replace: true })}
        />
      </Paper>
    </PortalPage>
  );
}
