import { Table, Text } from '@mantine/core';
import type { ReactNode } from 'react';

/**
 * The figures a chart draws, as a table under it (WCAG 1.1.1: a text alternative for a non-text content).
 * Folded by default; it opens from the keyboard and screen readers reach it.
 */
export function ChartData({ caption, columns, rows }: { caption: string; columns: string[]; rows: ReactNode[][] }) {
  return (
    <details style={{ marginTop: 'var(--mantine-spacing-xs)' }}>
      <Text component="summary" size="sm" style={{ cursor: 'pointer' }}>
        Voir les données du graphique
      </Text>
      <div className="scroll-table" role="region" aria-label={caption} tabIndex={0} style={{ overflowX: 'auto' }}>
        <Table striped withTableBorder fz="sm" captionSide="top">
          <Table.Caption>{caption}</Table.Caption>
          <Table.Thead>
            <Table.Tr>
              {columns.map((c) => (
                <Table.Th key={c} scope="col">
                  {c}
                </Table.Th>
              ))}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((row, i) => (
              <Table.Tr key={i}>
                {row.map((cell, j) =>
                  j === 0 ? (
                    <Table.Th key={j} scope="row">
                      {cell}
                    </Table.Th>
                  ) : (
                    <Table.Td key={j}>{cell}</Table.Td>
                  ),
                )}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </div>
    </details>
  );
}
