import type { ReactNode } from 'react';

/** A labelled figure: small caps label over a value. `testId` goes on the value so its text is the bare figure. */
export function Stat({
  label,
  value,
  testId,
  tone,
  className,
  title,
}: {
  label: string;
  value: ReactNode;
  testId?: string;
  tone?: 'ok' | 'warning' | 'critical' | 'muted';
  className?: string;
  /** Full wording when the label is abbreviated. */
  title?: string;
}) {
  return (
    <div className={`stat${tone ? ` tone-${tone}` : ''}${className ? ` ${className}` : ''}`} title={title}>
      <div className="stat-label">{label}</div>
      <div className="stat-value" data-testid={testId}>
        {value}
      </div>
    </div>
  );
}
