// A multi-select of known names (queues, channels): a button saying what is chosen that opens a list of
// checkboxes. Disabled with the reason when another filter excludes it.
import { useEffect, useRef } from 'react';

interface Props {
  id: string;
  label: string;
  allLabel: string;
  emptyLabel: string;
  clearLabel: string;
  options: { value: string; label: string }[];
  chosen: string[];
  onChange: (values: string[]) => void;
  /** why it cannot be used now, or null */
  disabled: string | null;
}

export function MultiPicker({ id, label, allLabel, emptyLabel, clearLabel, options, chosen, onChange, disabled }: Props) {
  const ref = useRef<HTMLDetailsElement>(null);
  useEffect(() => {
    const close = (e: MouseEvent) => {
      if (ref.current?.open && !ref.current.contains(e.target as Node)) ref.current.open = false;
    };
    document.addEventListener('click', close);
    return () => document.removeEventListener('click', close);
  }, []);
  const names = new Map(options.map((o) => [o.value, o.label]));
  // names chosen in the URL that the period does not list still show, so they can be cleared
  const all = [...options, ...chosen.filter((c) => !names.has(c)).map((c) => ({ value: c, label: c }))];
  const [first = ''] = chosen;
  const summary =
    chosen.length === 0
      ? allLabel
      : chosen.length <= 2
        ? chosen.map((c) => names.get(c) ?? c).join(', ')
        : `${names.get(first) ?? first} +${chosen.length - 1}`;
  const toggle = (v: string) => onChange(chosen.includes(v) ? chosen.filter((c) => c !== v) : [...chosen, v]);
  return (
    <details className={`picker${disabled ? ' disabled' : ''}${chosen.length ? ' active' : ''}`} ref={ref} data-testid={`picker-${id}`}>
      <summary
        title={disabled ?? undefined}
        aria-disabled={disabled ? true : undefined}
        onClick={(e) => {
          if (disabled) e.preventDefault();
        }}
      >
        <span className="picker-label">{label}:</span> <span data-testid={`picker-${id}-summary`}>{summary}</span> ▾
      </summary>
      <div className="picker-menu" role="group" aria-label={label}>
        {all.length === 0 && <div className="empty">{emptyLabel}</div>}
        {all.map((o) => (
          <label key={o.value}>
            <input type="checkbox" checked={chosen.includes(o.value)} onChange={() => toggle(o.value)} data-testid={`option-${id}`} data-value={o.value} />{' '}
            {o.label}
          </label>
        ))}
        {chosen.length > 0 && (
          <button type="button" onClick={() => onChange([])}>
            {clearLabel}
          </button>
        )}
      </div>
    </details>
  );
}
