import { Skeleton, Table } from '@mantine/core';

/** Placeholder rows while a table loads, so the layout does not jump when data arrives. */
export function TableSkeleton({ columns, rows = 5 }: { columns: number; rows?: number }) {
  return (
    <>
      {Array.from({ length: rows }, (_, r) => (
        <Table.Tr key={r} aria-hidden>
          {Array.from({ length: columns }, (_, c) => (
            <Table.Td key={c}>
              <Skeleton height={12} width={`${55 + ((r * 7 + c * 13) % 40)}%`} radius="sm" />
            </Table.Td>
          ))}
        </Table.Tr>
      ))}
    </>
  );
}
