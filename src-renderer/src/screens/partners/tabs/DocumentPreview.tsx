import { useEffect, useMemo, useRef } from 'react';
import { Center, Group, Loader, Modal, Text } from '@mantine/core';
import type { PartnerDocument } from '@shared/contract';
import { useProcMutation } from '../../../api/hooks';
import { QueryError } from '../../../components/QueryError';
import { formatBytes } from '../../../format/bytes';
import { base64ToObjectUrl } from '../files';
import { DOC_KIND_LABEL } from '../partner-labels';

function PdfFrame({ base64, title }: { base64: string; title: string }) {
  const url = useMemo(() => base64ToObjectUrl(base64, 'application/pdf'), [base64]);
  useEffect(() => () => URL.revokeObjectURL(url), [url]);
  return <iframe src={url} title={title} style={{ width: '100%', height: '75vh', border: 0 }} data-testid="doc-preview-pdf" />;
}

/** A document's content in a large modal: images inline (data: URL), PDFs in the built-in viewer (blob: URL). */
export function DocumentPreview({ document, onClose }: { document: PartnerDocument; onClose(): void }) {
  // A mutation: every view is audited. Its result lives in this modal only (a document can be
  // 20 MiB of personal data), and a ref keeps a re-run effect (React's strict mode) from viewing twice.
  const content = useProcMutation('partners.documents.view', { inlineErrors: true });
  const requested = useRef<string | null>(null);
  const { mutate } = content;
  useEffect(() => {
    if (requested.current === document.id) return;
    requested.current = document.id;
    mutate({ id: document.id });
  }, [document.id, mutate]);
  const base64 = content.data?.contentBase64;
  const mime = content.data?.document.mimeType ?? document.mimeType;
  return (
    <Modal
      opened
      onClose={onClose}
      size="80%"
      title={
        <Group gap="xs">
          <Text fw={600}>{document.fileName}</Text>
          <Text size="sm" c="dimmed">
            {DOC_KIND_LABEL[document.kind]} · {formatBytes(document.size)}
          </Text>
        </Group>
      }
      data-testid="doc-preview-modal"
    >
      {content.error ? (
        <QueryError error={content.error} onRetry={() => mutate({ id: document.id })} />
      ) : !base64 ? (
        <Center h="60vh">
          <Loader />
        </Center>
      ) : mime === 'application/pdf' ? (
        <PdfFrame base64={base64} title={document.fileName} />
      ) : (
        <Center>
          <img
            src={`data:${mime};base64,${base64}`}
            alt={`${DOC_KIND_LABEL[document.kind]}: ${document.fileName}`}
            style={{ maxWidth: '100%', maxHeight: '75vh', objectFit: 'contain' }}
            data-testid="doc-preview-image"
          />
        </Center>
      )}
    </Modal>
  );
}
