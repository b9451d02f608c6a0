import { useId, useState } from 'react';
import { Alert, Badge, Button, EmptyState, Group, List, Paper, Stack, Table, Text, Tooltip, VisuallyHidden } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconCheck, IconFileCertificate, IconX } from '@tabler/icons-react';
import type { DocumentAction, KycDocumentKind, Partner, PartnerDocument } from '@shared/contract';
import { optionFor } from '@shared/contract/action-option';
import { useProcQuery } from '../../../api/hooks';
import { useCan } from '../../../api/use-can';
import { formatDate, formatDateTime } from '../../../format/date';
import { formatBytes } from '../../../format/bytes';
import { QueryError } from '../../../components/QueryError';
import { TableSkeleton } from '../../../components/TableSkeleton';
import { KycBadge } from '../badges';
import { PromptModal } from '../PromptModal';
import { DOC_KIND_LABEL, DOC_STATE_COLOR, DOC_STATE_LABEL, KYC_LABEL, formatDay } from '../partner-labels';
import { useWorkspaceToday } from '../use-workspace-today';
import { DocumentUpload } from './DocumentUpload';
import { DocumentPreview } from './DocumentPreview';

function KindList({ title, kinds, color, testId }: { title: string; kinds: KycDocumentKind[]; color: string; testId: string }) {
  if (kinds.length === 0) return null;
  return (
    <Stack gap={4} data-testid={testId}>
      <Text size="xs" fw={600} c={color}>
        {title}
      </Text>
      <List size="sm" spacing={0}>
        {kinds.map((k) => (
          <List.Item key={k}>{DOC_KIND_LABEL[k]}</List.Item>
        ))}
      </List>
    </Stack>
  );
}

type KycDecision = 'signOff' | 'reject';

function KycDecisionModal({ partner, decision, onClose }: { partner: Partner; decision: KycDecision; onClose(): void }) {
  const done = (p: Partner) => {
    notifications.show({
      color: decision === 'signOff' ? 'green' : 'orange',
      title: decision === 'signOff' ? 'KYC signed off' : 'KYC rejected',
      message: `KYC of ${p.displayName} is now ${KYC_LABEL[p.kycStatus].toLowerCase()}.`,
    });
    onClose();
  };
  return (
    <PromptModal
      procedure={decision === 'signOff' ? 'partners.kyc.verify' : 'partners.kyc.reject'}
      id={partner.id}
      title={decision === 'signOff' ? `Sign off KYC of ${partner.displayName}?` : `Reject KYC of ${partner.displayName}?`}
      textField={decision === 'signOff' ? 'note' : 'reason'}
      textDescription={decision === 'reject' ? 'The partner sees this reason; a new upload puts KYC back under review.' : undefined}
      confirmLabel={decision === 'signOff' ? 'Sign off KYC' : 'Reject KYC'}
      color={decision === 'signOff' ? 'green' : 'red'}
      onSuccess={done}
      onClose={onClose}
    >
      {decision === 'signOff'
        ? 'Your sign-off takes effect only while every required document is verified and current.'
        : 'The partner’s KYC as a whole is rejected.'}
    </PromptModal>
  );
}

function DocumentDecisionModal({ doc, decision, onClose }: { doc: PartnerDocument; decision: 'verify' | 'reject'; onClose(): void }) {
  const today = useWorkspaceToday();
  const done = (d: PartnerDocument) => {
    notifications.show({ color: 'green', title: decision === 'verify' ? 'Document verified' : 'Document rejected', message: `${DOC_KIND_LABEL[d.kind]}: ${d.fileName}` });
    onClose();
  };
  return (
    <PromptModal
      procedure={decision === 'verify' ? 'partners.documents.verify' : 'partners.documents.reject'}
      id={doc.id}
      title={decision === 'verify' ? `Verify ${doc.fileName}?` : `Reject ${doc.fileName}?`}
      textField={decision === 'verify' ? 'none' : 'reason'}
      textDescription="The partner sees this reason."
      withDate={
        decision === 'verify'
          ? { label: 'Expires on', description: doc.expiresOn ? `Currently ${formatDay(doc.expiresOn)}; leave empty to keep it` : 'Optional', testId: 'doc-verify-expires', min: today }
          : undefined
      }
      confirmLabel={decision === 'verify' ? 'Verify' : 'Reject'}
      color={decision === 'verify' ? 'green' : 'red'}
      onSuccess={done}
      onClose={onClose}
    >
      {`${DOC_KIND_LABEL[doc.kind]}, uploaded ${formatDateTime(doc.uploadedAt)}.`}
    </PromptModal>
  );
}

/** The state is the server's (`doc.state`), and so are the Verify/Reject buttons (`doc.actions`). */
function DocumentRow({ doc, canRead, onPreview, onDecide }: { doc: PartnerDocument; canRead: boolean; onPreview(): void; onDecide(decision: 'verify' | 'reject'): void }) {
  const { state } = doc;
  const offers = (action: DocumentAction) => optionFor(doc.actions, action)?.enabled === true;
  return (
    <Table.Tr data-testid="doc-row" data-doc-id={doc.id} data-kind={doc.kind} data-state={state}>
      <Table.Td>
        <Text size="sm" fw={500}>
          {DOC_KIND_LABEL[doc.kind]}
        </Text>
      </Table.Td>
      <Table.Td>
        <Text size="sm" truncate="end" title={doc.fileName}>
          {doc.fileName}
        </Text>
        <Text size="xs" c="dimmed">
          {doc.mimeType === 'application/pdf' ? 'PDF' : doc.mimeType === 'image/png' ? 'PNG' : 'JPEG'} · {formatBytes(doc.size)}
        </Text>
      </Table.Td>
      <Table.Td>
        <Tooltip label={formatDateTime(doc.uploadedAt, true)}>
          <Text size="sm" className="tabular" span>
            {formatDate(doc.uploadedAt)}
          </Text>
        </Tooltip>
        <Text size="xs" c="dimmed" truncate="end">
          {doc.uploadedBy?.name ?? '—'}
        </Text>
      </Table.Td>
      <Table.Td>
        <Text size="sm" className="tabular" c={state === 'expired' ? 'orange' : undefined}>
          {doc.expiresOn ? formatDay(doc.expiresOn) : '—'}
        </Text>
      </Table.Td>
      <Table.Td>
        <Badge variant="light" radius="sm" tt="none" color={DOC_STATE_COLOR[state]} data-testid="doc-state">
          {DOC_STATE_LABEL[state]}
        </Badge>
        {doc.rejectedAt ? (
          <Tooltip label={doc.rejectionReason ?? ''} disabled={!doc.rejectionReason} multiline w={280}>
            <Text size="xs" c="dimmed" lineClamp={1}>
              {doc.rejectedBy?.name ?? ''}
              {doc.rejectionReason ? `: ${doc.rejectionReason}` : ''}
            </Text>
          </Tooltip>
        ) : doc.verifiedAt ? (
          <Text size="xs" c="dimmed">
            {doc.verifiedBy?.name ?? ''} · {formatDateTime(doc.verifiedAt)}
          </Text>
        ) : null}
      </Table.Td>
      <Table.Td ta="right">
        <Group gap={4} justify="flex-end" wrap="nowrap" preventGrowOverflow={false}>
          {canRead ? (
            <Button size="compact-sm" variant="subtle" onClick={onPreview} data-testid="doc-preview">
              Preview
            </Button>
          ) : null}
          {offers('partners.documents.verify') ? (
            <Button size="compact-sm" variant="subtle" color="green" onClick={() => onDecide('verify')} data-testid="doc-verify">
              Verify
            </Button>
          ) : null}
          {offers('partners.documents.reject') ? (
            <Button size="compact-sm" variant="subtle" color="red" onClick={() => onDecide('reject')} data-testid="doc-reject">
              Reject
            </Button>
          ) : null}
        </Group>
      </Table.Td>
    </Table.Tr>
  );
}

export function KycTab({ partner }: { partner: Partner }) {
  const canRead = useCan('partners.documents.view');
  const canUpload = useCan('partners.documents.upload');
  const signOff = optionFor(partner.operations, 'partners.kyc.verify');
  const rejectKyc = optionFor(partner.operations, 'partners.kyc.reject');
  const docs = useProcQuery('partners.documents.list', { partnerId: partner.id });
  const [kycDecision, setKycDecision] = useState<KycDecision | null>(null);
  const [preview, setPreview] = useState<PartnerDocument | null>(null);
  const [docDecision, setDocDecision] = useState<{ doc: PartnerDocument; decision: 'verify' | 'reject' } | null>(null);
  const kyc = partner.kyc;
  const signOffReasonId = useId();
  const allGood = kyc.missing.length + kyc.expired.length + kyc.rejected.length + kyc.awaitingReview.length === 0;

  return (
    <Stack gap="lg">
      <Paper withBorder radius="md" p="md" bg="var(--pd-surface-subtle)">
        <Group justify="space-between" align="flex-start" wrap="nowrap">
          <Stack gap="sm">
            <Group gap="sm">
              <Text fw={600} size="sm">
                KYC status
              </Text>
              <KycBadge status={kyc.status} data-testid="kyc-status" />
              {kyc.decidedAt ? (
                <Text size="xs" c="dimmed">
                  decided {formatDateTime(kyc.decidedAt)}
                  {kyc.decidedBy ? ` by ${kyc.decidedBy.name}` : ''}
                </Text>
              ) : null}
            </Group>
            {allGood ? (
              <Text size="sm" c="dimmed">
                Every required document is present, verified and current.
              </Text>
            ) : (
              <Group gap={48} align="flex-start">
                <KindList title="Missing" kinds={kyc.missing} color="gray" testId="kyc-missing" />
                <KindList title="Awaiting review" kinds={kyc.awaitingReview} color="blue" testId="kyc-awaiting" />
                <KindList title="Expired" kinds={kyc.expired} color="orange" testId="kyc-expired" />
                <KindList title="Rejected" kinds={kyc.rejected} color="red" testId="kyc-rejected" />
              </Group>
            )}
          </Stack>
          {signOff || rejectKyc ? (
            <Stack gap={6} align="flex-end" maw={360}>
              <Group gap="xs" wrap="nowrap">
                {signOff ? (
                  <Button
                    size="sm"
                    color="green"
                    variant="light"
                    leftSection={<IconCheck size={16} />}
                    disabled={!signOff.enabled}
                    aria-describedby={signOff.enabled ? undefined : signOffReasonId}
                    onClick={() => setKycDecision('signOff')}
                    data-testid="kyc-sign-off"
                  >
                    Sign off KYC
                  </Button>
                ) : null}
                {rejectKyc?.enabled ? (
                  <Button size="sm" color="red" variant="subtle" leftSection={<IconX size={16} />} onClick={() => setKycDecision('reject')} data-testid="kyc-reject">
                    Reject KYC
                  </Button>
                ) : null}
              </Group>
              {signOff && !signOff.enabled && signOff.reason ? (
                <Text id={signOffReasonId} size="sm" ta="right" data-testid="kyc-sign-off-reason">
                  {signOff.reason}
                </Text>
              ) : null}
            </Stack>
          ) : null}
        </Group>
      </Paper>

      {docs.error ? (
        <QueryError error={docs.error} onRetry={() => void docs.refetch()} />
      ) : (
        <Paper withBorder radius="md">
          <Table.ScrollContainer minWidth={860} type="native">
            <Table layout="fixed" verticalSpacing="xs" data-testid="doc-table">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th w={130}>Kind</Table.Th>
                  <Table.Th>File</Table.Th>
                  <Table.Th w={140}>Uploaded</Table.Th>
                  <Table.Th w={110}>Expires</Table.Th>
                  <Table.Th w={150}>State</Table.Th>
                  <Table.Th w={250}>
                    <VisuallyHidden>Actions</VisuallyHidden>
                  </Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {docs.isPending ? (
                  <TableSkeleton columns={6} rows={3} />
                ) : (
                  (docs.data ?? []).map((d) => (
                    <DocumentRow
                      key={d.id}
                      doc={d}
                      canRead={canRead}
                      onPreview={() => setPreview(d)}
                      onDecide={(decision) => setDocDecision({ doc: d, decision })}
                    />
                  ))
                )}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
          {docs.isSuccess && docs.data.length === 0 ? (
            <EmptyState py="lg" icon={<IconFileCertificate size={24} />} title="No documents yet" description="Tax form, identity, bank proof and the signed agreement are required." />
          ) : null}
        </Paper>
      )}

      {canUpload ? <DocumentUpload partnerId={partner.id} /> : null}
      {!canUpload && !allGood ? (
        <Alert variant="light" color="gray">
          An admin uploads and reviews KYC documents.
        </Alert>
      ) : null}

      {kycDecision ? <KycDecisionModal partner={partner} decision={kycDecision} onClose={() => setKycDecision(null)} /> : null}
      {docDecision ? <DocumentDecisionModal key={docDecision.doc.id + docDecision.decision} doc={docDecision.doc} decision={docDecision.decision} onClose={() => setDocDecision(null)} /> : null}
      {preview ? <DocumentPreview document={preview} onClose={() => setPreview(null)} /> : null}
    </Stack>
  );
}
