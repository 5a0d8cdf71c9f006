// The shape that says a level without colour: a triangle for amber, an octagon with a cross for red.
// Green and neutral figures carry no mark (a plain figure is a good figure).
import type { Level } from '../board/levels.ts';
import { useI18n } from '../i18n/I18n.tsx';

export function LevelMark({ level, className = '' }: { level: Level; className?: string }) {
  const { t } = useI18n();
  if (level !== 'amber' && level !== 'red') return null;
  return (
    <svg className={`level-mark mark-${level} ${className}`} viewBox="0 0 24 24" role="img" aria-label={t.level[level]}>
      {level === 'amber' ? (
        <>
          <path d="M12 2.5 23 21.5H1Z" className="mark-shape" />
          <path d="M12 9v6M12 17.6v.4" className="mark-glyph" />
        </>
      ) : (
        <>
          <path d="M7.4 1.5h9.2l6.4 6.4v9.2l-6.4 6.4H7.4L1 17.1V7.9Z" className="mark-shape" />
          <path d="m8 8 8 8M16 8l-8 8" className="mark-glyph" />
        </>
      )}
    </svg>
  );
}

/** The level as a word, for places with room: "CRITICAL", "WARNING". */
export function LevelWord({ level, testId }: { level: Level; testId?: string }) {
  const { t } = useI18n();
  if (level !== 'amber' && level !== 'red') return null;
  return (
    <span className={`level-word word-${level}`} data-testid={testId} data-level={level}>
      <LevelMark level={level} />
      {t.level[level]}
    </span>
  );
}
