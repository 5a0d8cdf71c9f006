// A labelled figure with its level: colour, the level's shape, and a single flash when it turns red.
// `testId` goes on the value, whose text is the bare formatted figure and which carries `data-level` (and
// `data-sample` when the figure's sample is too small for a colour).
import { memo, type AnimationEvent, type ReactNode } from 'react';
import type { Level } from '../board/levels.ts';
import { useBreachFlash } from '../hooks/useBreachFlash.ts';
import { LevelMark } from './LevelMark.tsx';

export interface MetricProps {
  label: ReactNode;
  /** Small suffix after the label (the window: "15 min"). */
  sub?: string;
  text: string;
  level: Level;
  /** False while the thresholds are still loading: shown neutral, and no flash on arrival. */
  known?: boolean;
  testId: string;
  /** The unformatted value, for tests and tooltips. */
  raw?: number | null;
  title?: string;
  className?: string;
  /** Too small a sample for a colour: the figure is neutral and says its sample ("n=3"). */
  sample?: { text: string; title: string; n: number } | null;
}

function MetricView({ label, sub, text, level, known = true, testId, raw, title, className = '', sample }: MetricProps) {
  const { flashing, onFlashEnd } = useBreachFlash(level, known);
  const onAnimationEnd = (e: AnimationEvent) => {
    if (e.target === e.currentTarget) onFlashEnd();
  };
  return (
    <div
      className={`metric lvl-${level}${flashing ? ' is-flashing' : ''}${text === '—' ? ' is-empty' : ''} ${className}`}
      title={title}
      onAnimationEnd={onAnimationEnd}
    >
      <div className="metric-label">
        <span className="metric-name">{label}</span>
        {sub && <span className="metric-sub">{sub}</span>}
      </div>
      <div className="metric-row">
        <span className="metric-value" data-testid={testId} data-level={level} data-value={raw ?? undefined} data-sample={sample ? sample.n : undefined}>
          {text}
        </span>
        {sample && (
          <span className="metric-sample" title={sample.title}>
            {sample.text}
          </span>
        )}
        <LevelMark level={level} />
      </div>
    </div>
  );
}

export const Metric = memo(MetricView);
