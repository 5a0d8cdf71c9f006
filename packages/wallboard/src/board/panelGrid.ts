// Where the panels go: queue tiles top left, the agent strip under them, the SLA panel on the right, the alert
// ticker along the bottom. Panels left out give their room to the others.
import type { Panel } from '../config/boards.ts';

export interface PanelGrid {
  areas: string;
  columns: string;
  rows: string;
}

export function panelGrid(panels: readonly Panel[]): PanelGrid {
  const has = (p: Panel) => panels.includes(p);
  const main: { area: string; size: string }[] = [];
  if (has('queues')) main.push({ area: 'queues', size: 'minmax(0, 1fr)' });
  if (has('agents')) main.push({ area: 'agents', size: has('queues') ? 'var(--agents-h)' : 'minmax(0, 1fr)' });
  const side = has('sla');
  let rows: { area: string; size: string }[];
  let columns: string;
  if (main.length === 0) {
    rows = side ? [{ area: 'sla', size: 'minmax(0, 1fr)' }] : [];
    columns = 'minmax(0, 1fr)';
  } else if (side) {
    rows = main.map((r) => ({ area: `${r.area} sla`, size: r.size }));
    columns = 'minmax(0, 1fr) var(--side-w)';
  } else {
    rows = main;
    columns = 'minmax(0, 1fr)';
  }
  if (has('alerts')) {
    const wide = side && main.length > 0;
    rows.push({ area: wide ? 'alerts alerts' : 'alerts', size: rows.length === 0 ? 'minmax(0, 1fr)' : 'auto' });
  }
  return {
    areas: rows.map((r) => `"${r.area}"`).join(' '),
    columns,
    rows: rows.map((r) => r.size).join(' '),
  };
}
