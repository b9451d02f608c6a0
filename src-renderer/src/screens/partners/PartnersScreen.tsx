import { EmptyState } from '@mantine/core';
import { IconUsersGroup } from '@tabler/icons-react';
import { PageHeader } from '../../components/PageHeader';

/** Placeholder until the partners slice lands. */
export function PartnersScreen() {
  return (
    <>
      <PageHeader title="Partners" description="Onboard partners, check their documents and manage their terms." />
      <EmptyState icon={<IconUsersGroup size={28} />} title="Partners are coming soon" description="This part of PartnerDesk is not available yet." />
    </>
  );
}
