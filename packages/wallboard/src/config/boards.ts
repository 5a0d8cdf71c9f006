// One board's view settings, and the compact `boards=` syntax that lists several of them for rotation:
//   boards=queues:billing,sales|queues:tech;panels:sla;title:Tech desk
// Boards are separated by `|`, a board's settings by `;`, a setting is `key:value` with comma-separated values.
// A setting a board does not name is taken from the page's own parameters (`queues=`, `panels=` …).
import type { WindowName } from '@pulse/contracts';

export const PANELS = ['queues', 'agents', 'sla', 'alerts'] as const;
export type Panel = (typeof PANELS)[number];

export const SPARK_METRICS = ['offered', 'service_level', 'asa'] as const;
export type SparkMetric = (typeof SPARK_METRICS)[number];

const WINDOW_NAMES: readonly WindowName[] = ['15m', '60m', 'today'];

export interface BoardView {
  /** Shown in the header; null → the queue list or "All queues". */
  title: string | null;
  /** Queue tiles to show; '*' = every queue; null = every queue unless channels are named. */
  queues: NameList;
  /** Channel tiles to show; '*' = every channel; null = none. */
  channels: NameList;
  panels: Panel[];
  /** Window of the tile's service level, ASA and abandon rate (CSAT uses 60 min when this is 15 min). */
  window: WindowName;
  /** What the tile sparklines draw. */
  spark: SparkMetric;
}

export const DEFAULT_VIEW: BoardView = {
  title: null,
  queues: null,
  channels: null,
  panels: [...PANELS],
  window: '15m',
  spark: 'offered',
};

/** Names to show: a list, '*' for all, or null when not said. */
export type NameList = string[] | '*' | null;

/** Trimmed, de-duplicated names; `*` among them → '*'; nothing → null. */
export function parseList(values: string[]): NameList {
  const names = [
    ...new Set(
      values
        .flatMap((v) => v.split(','))
        .map((v) => v.trim())
        .filter(Boolean),
    ),
  ];
  if (names.length === 0) return null;
  return names.includes('*') ? '*' : names;
}

function parsePanels(values: string[]): Panel[] | null {
  const names = parseList(values);
  if (!Array.isArray(names)) return null;
  const panels = PANELS.filter((p) => names.includes(p));
  return panels.length > 0 ? panels : null;
}

/** Reads one view's settings from a key → values lookup, falling back to `base` for what is missing or invalid. */
export function readView(get: (key: string) => string[], base: BoardView): BoardView {
  const title = get('title').join(',').trim() || get('name').join(',').trim();
  const queues = [...get('queues'), ...get('queue')];
  const channels = [...get('channels'), ...get('channel')];
  const window = get('window')[0]?.trim() as WindowName | undefined;
  const spark = get('spark')[0]?.trim() as SparkMetric | undefined;
  return {
    title: title || base.title,
    queues: queues.length > 0 ? parseList(queues) : base.queues,
    channels: channels.length > 0 ? parseList(channels) : base.channels,
    panels: parsePanels(get('panels')) ?? base.panels,
    window: window && WINDOW_NAMES.includes(window) ? window : base.window,
    spark: spark && SPARK_METRICS.includes(spark) ? spark : base.spark,
  };
}

/** `boards=` → one view per board (empty boards skipped), each completed from `base`. */
export function parseBoards(spec: string, base: BoardView): BoardView[] {
  return spec
    .split('|')
    .map((board) => board.trim())
    .filter(Boolean)
    .map((board) => {
      const settings = new Map<string, string[]>();
      for (const part of board.split(';')) {
        const colon = part.indexOf(':');
        if (colon <= 0) continue;
        const key = part.slice(0, colon).trim().toLowerCase();
        settings.set(key, [...(settings.get(key) ?? []), part.slice(colon + 1)]);
      }
      return readView((key) => settings.get(key) ?? [], base);
    });
}
