import { Kbd, Modal, Table, Text } from '@mantine/core';
import { QUEUE_KEYS } from './use-queue-keys';

/** Every key of the queue, opened with `?`. */
export function KeysHelp({ onClose }: { onClose(): void }) {
  return (
    <Modal opened onClose={onClose} title="Review queue keys" size="sm">
      <Table verticalSpacing={6} data-testid="queue-help">
        <Table.Tbody>
          {QUEUE_KEYS.map((k) => (
            <Table.Tr key={k.key}>
              <Table.Td w={48}>
                <Kbd>{k.key}</Kbd>
              </Table.Td>
              <Table.Td>{k.label}</Table.Td>
            </Table.Tr>
          ))}
          <Table.Tr>
            <Table.Td>
              <Kbd>Esc</Kbd>
            </Table.Td>
            <Table.Td>Close a dialog</Table.Td>
          </Table.Tr>
        </Table.Tbody>
      </Table>
      <Text size="xs" c="dimmed" mt="sm">
        Keys do nothing while you type in a field.
      </Text>
    </Modal>
  );
}
