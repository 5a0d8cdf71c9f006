// Every word of the lead's alerts page, in English and Spanish (the board's languages). Alert titles, messages
// and suggestions come from the shared templates of @pulse/contracts (alert-text.ts).
import type { AlertSeverity, AlertState } from '@pulse/contracts';
import type { Lang } from '../../i18n/messages.ts';

export type Tab = 'open' | 'firing' | 'acknowledged' | 'snoozed' | 'closed' | 'all';

export interface AlertsMessages {
  title: string;
  tab: Record<Tab, string>;
  search: string;
  searchPlaceholder: string;
  queue: string;
  rule: string;
  agent: string;
  anyQueue: string;
  anyRule: string;
  anyAgent: string;
  filters: string;
  selectAll: string;
  select: (title: string) => string;
  ackSelected: (n: number) => string;
  note: string;
  ack: string;
  ackWithNote: string;
  cancel: string;
  resolve: string;
  resolveHint: string;
  snooze: string;
  snooze15: string;
  snooze1h: string;
  snoozeShift: (time: string) => string;
  board: string;
  severity: Record<AlertSeverity, string>;
  state: Record<AlertState, string>;
  started: (time: string, rel: string) => string;
  ackBy: (who: string, time: string) => string;
  snoozedUntil: (time: string) => string;
  resolvedAt: (time: string) => string;
  escalated: string;
  silenced: string;
  quiet: string;
  clearing: string;
  showAll: (n: number) => string;
  showFewer: string;
  suggested: string;
  noQueue: string;
  empty: string;
  noChannels: string;
  channels: (list: string) => string;
  readOnly: (why: string) => string;
  silences: string;
  addSilence: string;
  reason: string;
  reasonPlaceholder: string;
  ends: string;
  duration: { '1h': string; '4h': string; shift: string; '24h': string };
  remove: string;
  noSilences: string;
  silenceMatch: string;
  silenceNeeds: string;
  silenceLine: (what: string, until: string, who: string, reason: string) => string;
  deliveries: string;
  noDeliveries: string;
  deliveryColumns: [string, string, string, string, string, string];
  /** a delivery's status and the changes it carried, in words */
  deliveryStatus: Record<string, string>;
  deliveryEvent: Record<string, string>;
  times: (zone: string) => string;
  error: string;
  loading: string;
  nothingSelected: string;
}

export const en: AlertsMessages = {
  title: 'Alerts',
  tab: { open: 'Open', firing: 'Firing', acknowledged: 'Acknowledged', snoozed: 'Snoozed', closed: 'Resolved', all: 'All' },
  search: 'Search',
  searchPlaceholder: 'Ticket, agent, queue…',
  queue: 'Queue',
  rule: 'Rule',
  agent: 'Agent',
  anyQueue: 'All queues',
  anyRule: 'All rules',
  anyAgent: 'All agents',
  filters: 'Filters',
  selectAll: 'Select all firing shown',
  select: (title) => `Select: ${title}`,
  ackSelected: (n) => `Acknowledge ${n} selected`,
  note: 'Note (optional)',
  ack: 'Acknowledge',
  ackWithNote: 'Acknowledge',
  cancel: 'Cancel',
  resolve: 'Resolve',
  resolveHint: 'While its condition still holds, resolving snoozes it for 15 min; it fires again then if still true.',
  snooze: 'Snooze',
  snooze15: '15 min',
  snooze1h: '1 h',
  snoozeShift: (time) => `Shift end (${time})`,
  board: 'Board',
  severity: { critical: 'Critical', warning: 'Warning' },
  state: { firing: 'Firing', acknowledged: 'Acknowledged', snoozed: 'Snoozed', resolved: 'Resolved', superseded: 'Became breach' },
  started: (time, rel) => `since ${time} (${rel})`,
  ackBy: (who, time) => `acknowledged by ${who} at ${time}`,
  snoozedUntil: (time) => `snoozed until ${time}`,
  resolvedAt: (time) => `closed at ${time}`,
  escalated: 'escalated',
  silenced: 'silenced: not delivered',
  quiet: 'from old events: not delivered',
  clearing: 'clearing',
  showAll: (n) => `Show all ${n}`,
  showFewer: 'Show fewer',
  suggested: 'Suggested',
  noQueue: 'No single queue',
  empty: 'No alerts here.',
  noChannels:
    'No delivery channel is configured: alerts show on this page and on the board, but nobody is notified. Add a webhook, Slack or e-mail channel under alerts.channels (docs/alerts.md).',
  channels: (list) => `Delivered to ${list}.`,
  readOnly: (why) => `Read only: ${why}`,
  silences: 'Silences',
  addSilence: 'Add silence',
  reason: 'Reason',
  reasonPlaceholder: 'Why (maintenance, agent on leave…)',
  ends: 'For',
  duration: { '1h': '1 h', '4h': '4 h', shift: 'until shift end', '24h': '24 h' },
  remove: 'Remove',
  noSilences: 'No silences.',
  silenceMatch: 'Silence alerts of',
  silenceNeeds: 'Choose a queue, a rule or an agent, and give a reason.',
  silenceLine: (what, until, who, reason) => `${what} · until ${until} · by ${who}: ${reason}`,
  deliveries: 'Deliveries',
  noDeliveries: 'Nothing delivered yet.',
  deliveryColumns: ['When', 'Channel', 'Queue', 'Events', 'Status', 'Attempts'],
  deliveryStatus: { pending: 'Pending', delivered: 'Delivered', failed: 'Failed' },
  deliveryEvent: { firing: 'fired', worsened: 'worsened', escalated: 'escalated', resolved: 'resolved' },
  times: (zone) => `Times in ${zone}`,
  error: 'Error',
  loading: 'Loading…',
  nothingSelected: 'Select firing alerts to acknowledge them together.',
};

export const es: AlertsMessages = {
  title: 'Alertas',
  tab: { open: 'Abiertas', firing: 'Activas', acknowledged: 'Reconocidas', snoozed: 'Pospuestas', closed: 'Resueltas', all: 'Todas' },
  search: 'Buscar',
  searchPlaceholder: 'Ticket, agente, cola…',
  queue: 'Cola',
  rule: 'Regla',
  agent: 'Agente',
  anyQueue: 'Todas las colas',
  anyRule: 'Todas las reglas',
  anyAgent: 'Todos los agentes',
  filters: 'Filtros',
  selectAll: 'Seleccionar todas las activas',
  select: (title) => `Seleccionar: ${title}`,
  ackSelected: (n) => `Reconocer ${n} seleccionada${n === 1 ? '' : 's'}`,
  note: 'Nota (opcional)',
  ack: 'Reconocer',
  ackWithNote: 'Reconocer',
  cancel: 'Cancelar',
  resolve: 'Resolver',
  resolveHint: 'Mientras su condición se cumpla, resolver la pospone 15 min; entonces vuelve a activarse si sigue siendo cierta.',
  snooze: 'Posponer',
  snooze15: '15 min',
  snooze1h: '1 h',
  snoozeShift: (time) => `Fin del turno (${time})`,
  board: 'Panel',
  severity: { critical: 'Crítica', warning: 'Aviso' },
  state: { firing: 'Activa', acknowledged: 'Reconocida', snoozed: 'Pospuesta', resolved: 'Resuelta', superseded: 'Pasó a incumplida' },
  started: (time, rel) => `desde las ${time} (${rel})`,
  ackBy: (who, time) => `reconocida por ${who} a las ${time}`,
  snoozedUntil: (time) => `pospuesta hasta las ${time}`,
  resolvedAt: (time) => `cerrada a las ${time}`,
  escalated: 'escalada',
  silenced: 'silenciada: no se envía',
  quiet: 'de eventos antiguos: no se envía',
  clearing: 'despejándose',
  showAll: (n) => `Ver las ${n}`,
  showFewer: 'Ver menos',
  suggested: 'Sugerencia',
  noQueue: 'Sin una sola cola',
  empty: 'No hay alertas aquí.',
  noChannels:
    'No hay ningún canal de envío configurado: las alertas se ven en esta página y en el panel, pero no se avisa a nadie. Añada un webhook, Slack o correo en alerts.channels (docs/alerts.md).',
  channels: (list) => `Se envían a ${list}.`,
  readOnly: (why) => `Solo lectura: ${why}`,
  silences: 'Silencios',
  addSilence: 'Añadir silencio',
  reason: 'Motivo',
  reasonPlaceholder: 'Por qué (mantenimiento, agente de baja…)',
  ends: 'Durante',
  duration: { '1h': '1 h', '4h': '4 h', shift: 'hasta el fin del turno', '24h': '24 h' },
  remove: 'Quitar',
  noSilences: 'No hay silencios.',
  silenceMatch: 'Silenciar las alertas de',
  silenceNeeds: 'Elija una cola, una regla o un agente, y escriba un motivo.',
  silenceLine: (what, until, who, reason) => `${what} · hasta las ${until} · por ${who}: ${reason}`,
  deliveries: 'Envíos',
  noDeliveries: 'Todavía no se ha enviado nada.',
  deliveryColumns: ['Cuándo', 'Canal', 'Cola', 'Eventos', 'Estado', 'Intentos'],
  deliveryStatus: { pending: 'Pendiente', delivered: 'Entregado', failed: 'Fallido' },
  deliveryEvent: { firing: 'activada', worsened: 'empeorada', escalated: 'escalada', resolved: 'resuelta' },
  times: (zone) => `Horas en ${zone}`,
  error: 'Error',
  loading: 'Cargando…',
  nothingSelected: 'Seleccione alertas activas para reconocerlas a la vez.',
};

export const ALERTS_MESSAGES: Record<Lang, AlertsMessages> = { en, es };
