// The board's header: brand and board title (with the rotation's position), totals, clock and LIVE marker.
import type { ReactNode } from 'react';
import { useI18n } from '../i18n/I18n.tsx';
import { Clock } from './Clock.tsx';
import { LiveStatus } from './LiveStatus.tsx';

export interface HeaderProps {
  title: string;
  board: { index: number; count: number };
  stale: boolean;
  children: ReactNode;
}

export function Header({ title, board, stale, children }: HeaderProps) {
  const { t } = useI18n();
  return (
    <header className="board-header">
      <div className="brand">
        <svg className="brand-mark" viewBox="0 0 32 32" aria-hidden="true">
          <rect width="32" height="32" rx="8" />
          <path d="M4 17h6l3-8 5 15 3-7h7" />
        </svg>
        <div className="brand-text">
          <div className="brand-name">Pulse</div>
          <div className="board-title" data-testid="board-title" title={title}>
            {title}
          </div>
          {board.count > 1 && (
            <div
              className="board-dots"
              data-testid="board-index"
              data-index={board.index + 1}
              data-count={board.count}
              aria-label={t.board(board.index + 1, board.count)}
            >
              {Array.from({ length: board.count }, (_, i) => (
                <span key={i} className={i === board.index ? 'is-on' : undefined} />
              ))}
            </div>
          )}
        </div>
      </div>
      {children}
      <div className="header-right">
        <Clock />
        <LiveStatus stale={stale} />
      </div>
    </header>
  );
}
