import type { ReactNode } from 'react';

/**
 * The box a wide table scrolls sideways in on a phone, so the page itself never does. It can take the
 * keyboard focus (arrow keys scroll it) and is named after its table for screen readers.
 */
export function TableScroll({ label, className = 'table-scroll', children }: { label: string; className?: string; children: ReactNode }) {
  return (
    // A scrolling region must be reachable by keyboard (WCAG 2.1.1).
    <div className={className} role="region" aria-label={label} tabIndex={0}>
      {children}
    </div>
  );
}
