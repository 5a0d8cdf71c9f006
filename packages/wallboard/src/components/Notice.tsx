import type { ReactNode } from 'react';

/** A full-area message in place of the panels: empty board, connecting, or an error a person must fix. */
export function Notice({ title, children, tone = 'info', testId }: { title: string; children?: ReactNode; tone?: 'info' | 'error'; testId?: string }) {
  return (
    <div className={`notice notice-${tone}`} data-testid={testId} role={tone === 'error' ? 'alert' : 'status'}>
      {tone === 'info' && <div className="notice-pulse" aria-hidden="true" />}
      <h1 className="notice-title">{title}</h1>
      {children && <div className="notice-body">{children}</div>}
    </div>
  );
}
