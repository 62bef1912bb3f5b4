import type { ReactNode } from 'react';

/**
 * A wide table on a narrow screen: it scrolls sideways inside its own box (the page never does) with its
 * first column pinned (global.css). The box is focusable and named so a keyboard can scroll it (WCAG 2.1.1).
 */
export function ScrollTable({ label, minWidth, children }: { label: string; minWidth: number; children: ReactNode }) {
  return (
    <div
      className="scroll-table"
      role="region"
      aria-label={label}
      tabIndex={0}
      style={{ overflowX: 'auto', maxWidth: '100%' }}
    >
      <div style={{ minWidth }}>{children}</div>
    </div>
  );
}
