// A titled panel of the board (agents, SLA): a header line with a title, a summary and a pager, then the body.
import type { ReactNode } from 'react';

export function Panel({
  className,
  title,
  summary,
  pager,
  testId,
  children,
}: {
  className: string;
  title: ReactNode;
  summary?: ReactNode;
  pager?: ReactNode;
  testId: string;
  children: ReactNode;
}) {
  return (
    <section className={`panel ${className}`} data-testid={testId}>
      <header className="panel-head">
        <h2 className="panel-title">{title}</h2>
        {summary && <div className="panel-summary">{summary}</div>}
        {pager}
      </header>
      {children}
    </section>
  );
}
