// Every word on the board, in English and Spanish. Numbers, times and durations are formatted by format.ts.
import type { AgentStatus, AlertSeverity, Priority, SlaTarget, WindowName } from '@pulse/contracts';
import type { Level } from '../board/levels.ts';

export interface Messages {
  live: string;
  stale: string;
  staleTitle: string;
  rebuilding: string;
  lastUpdateAt: (time: string) => string;
  noDataSince: (time: string) => string;
  ago: (seconds: number) => string;
  connecting: string;
  reconnectingIn: (seconds: number) => string;
  reconnecting: string;
  silentServer: string;
  liveUnavailable: string;
  disconnected: string;
  tokenRefused: string;
  tokenMissing: string;
  allQueues: string;
  board: (index: number, count: number) => string;
  waiting: string;
  longestWait: string;
  activeChats: string;
  agentsOnline: string;
  utilization: string;
  serviceLevel: string;
  serviceLevelShort: string;
  asa: string;
  asaLong: string;
  abandonRate: string;
  abandonRateShort: string;
  csat: string;
  slaBreached: string;
  slaAtRisk: string;
  window: Record<WindowName, string>;
  trend: Record<'offered' | 'service_level' | 'asa', string>;
  level: Record<Level, string>;
  status: Record<AgentStatus, string>;
  agents: string;
  agentCounts: (online: number, away: number, offline: number) => string;
  noAgents: string;
  /** shown when some agents' status is inferred from their work (their help desk sends no presence) */
  presenceInferred: string;
  chatsOf: (active: string, capacity: string) => string;
  sla: string;
  breached: string;
  atRisk: string;
  paused: string;
  overdue: string;
  left: string;
  noSla: string;
  target: Record<SlaTarget, string>;
  priority: Record<Priority, string>;
  unassigned: string;
  alerts: string;
  noAlerts: string;
  severity: Record<AlertSeverity, string>;
  acknowledged: string;
  reassignTo: (items: string, from: string | null, to: string) => string;
  moveAgents: (agents: string, from: string | null, to: string) => string;
  channel: string;
  page: (page: number, pages: number) => string;
  connectingTitle: string;
  cannotReach: string;
  retrying: string;
  emptyTitle: string;
  emptyBody: (queues: string | null) => string;
  tokenRejectedTitle: string;
  tokenMissingTitle: string;
  tokenRejectedBody: (status: number) => string;
  tokenMissingBody: (status: number) => string;
  openAs: string;
  controls: { prev: string; next: string; pause: string; play: string; fullscreen: string };
  /** links between the board, trends and alerts pages */
  nav: { label: string; board: string; trends: string; alerts: string; language: string };
  /** a queue's staffing (Erlang C): the gap in agents and the forecast service level (components/StaffingLine.tsx) */
  staffing: {
    needs: (n: string) => string;
    spare: (n: string) => string;
    forecast: string;
    measured: string;
    overloaded: string;
    title: (d: { staffed: string; required: string; goal: string; threshold: string; asa: string | null }) => string;
  };
  /** the board's words for issue 16: samples, tickets, SLA groups, sparkline captions, channel kinds */
  wall: {
    sample: (n: string) => string;
    sampleTitle: (n: string) => string;
    tickets: string;
    unsolved: string;
    unassigned: string;
    oldestUnassigned: string;
    oldest: string;
    slaGroup: Record<'recent' | 'at_risk' | 'overdue', string>;
    moreTargets: (n: number) => string;
    moreAlerts: (n: number) => string;
    spark: { answered: string; abandoned: string; perMinute: string; last60: string; peak: (v: string) => string; goal: (v: string) => string };
    chatChannel: string;
    ticketChannel: string;
    created: string;
    solved: string;
    firstReply: string;
  };
  itemsCount: (n: number) => string;
}

export const en: Messages = {
  live: 'LIVE',
  stale: 'STALE',
  staleTitle: 'Data may be out of date',
  rebuilding: 'Rebuilding live figures from history — numbers are incomplete until it finishes',
  lastUpdateAt: (t) => `Last update at ${t}`,
  noDataSince: (t) => `No data since the board opened at ${t}`,
  ago: (s) => (s < 2 ? 'just now' : s < 120 ? `${s} s ago` : s < 7200 ? `${Math.floor(s / 60)} min ago` : `${Math.floor(s / 3600)} h ago`),
  connecting: 'Connecting…',
  reconnectingIn: (s) => `Reconnecting in ${s} s`,
  reconnecting: 'Reconnecting…',
  silentServer: 'Connected, but the server is silent',
  liveUnavailable: 'Connected, but the server cannot read live data',
  disconnected: 'Disconnected',
  tokenRefused: 'The viewer token was refused',
  tokenMissing: 'No viewer token in the URL',
  allQueues: 'All queues',
  board: (i, n) => `Board ${i} of ${n}`,
  waiting: 'Waiting',
  longestWait: 'Longest wait',
  activeChats: 'Active chats',
  agentsOnline: 'Agents online',
  utilization: 'Utilization',
  serviceLevel: 'Service level',
  serviceLevelShort: 'SL',
  asa: 'ASA',
  asaLong: 'Average speed of answer',
  abandonRate: 'Abandon rate',
  abandonRateShort: 'Aband.',
  csat: 'CSAT',
  slaBreached: 'SLA breached',
  slaAtRisk: 'SLA at risk',
  window: { '15m': '15 min', '60m': '60 min', today: 'today' },
  trend: { offered: 'Contacts / min · 60 min', service_level: 'Service level · 60 min', asa: 'ASA · 60 min' },
  level: { green: 'OK', amber: 'Warning', red: 'Critical', neutral: 'No data' },
  status: { online: 'Online', away: 'Away', offline: 'Offline' },
  agents: 'Agents',
  agentCounts: (on, away, off) => `${on} online · ${away} away · ${off} offline`,
  noAgents: 'No agent online or away',
  presenceInferred: 'Some statuses are inferred: agents holding work count as online',
  chatsOf: (a, c) => `${a}/${c}`,
  sla: 'SLA',
  breached: 'Breached',
  atRisk: 'At risk',
  paused: 'Paused',
  overdue: 'overdue',
  left: 'left',
  noSla: 'No ticket breached or at risk',
  target: { first_reply: 'First reply', next_reply: 'Next reply', resolution: 'Resolution' },
  priority: { urgent: 'Urgent', high: 'High', normal: 'Normal', low: 'Low' },
  unassigned: 'Unassigned',
  alerts: 'Alerts',
  noAlerts: 'No active alerts',
  severity: { warning: 'Warning', critical: 'Critical' },
  acknowledged: 'Acknowledged',
  reassignTo: (items, from, to) => `Reassign ${items}${from ? ` from ${from}` : ''} to ${to}`,
  moveAgents: (agents, from, to) => `Move ${agents}${from ? ` from ${from}` : ''} to ${to}`,
  channel: 'Channel',
  page: (p, n) => `${p}/${n}`,
  connectingTitle: 'Connecting…',
  cannotReach: 'Cannot reach the Pulse server',
  retrying: 'Retrying automatically.',
  emptyTitle: 'Waiting for events…',
  emptyBody: (q) => `${q ? `No activity yet in ${q}.` : 'No queue has activity yet.'} Tiles appear as soon as the first chats and agents come in.`,
  tokenRejectedTitle: 'Viewer token rejected',
  tokenMissingTitle: 'Viewer token missing',
  tokenRejectedBody: (s) => `The server refused the token in this page's address (HTTP ${s}). It is wrong, expired or lacks the viewer role.`,
  tokenMissingBody: (s) => `This board needs a viewer token to read live data (HTTP ${s}).`,
  openAs: 'Open the board as',
  controls: { prev: 'Previous board', next: 'Next board', pause: 'Pause rotation', play: 'Resume rotation', fullscreen: 'Full screen' },
  nav: { label: 'Pages', board: 'Board', trends: 'Trends', alerts: 'Alerts', language: 'Language' },
  staffing: {
    needs: (n) => `needs ${n} more`,
    spare: (n) => `${n} spare`,
    forecast: 'forecast',
    measured: 'now',
    overloaded: 'overloaded',
    title: (d) =>
      `Erlang C: ${d.staffed} online, ${d.required} needed for ${d.goal} answered within ${d.threshold}${d.asa ? `; forecast mean wait ${d.asa}` : '; the queue grows without bound'}`,
  },
  wall: {
    sample: (n) => `n=${n}`,
    sampleTitle: (n) => `${n} in the window: too few for a colour`,
    tickets: 'Tickets',
    unsolved: 'Unsolved',
    unassigned: 'Unassigned',
    oldestUnassigned: 'Oldest unassigned',
    oldest: 'Oldest',
    slaGroup: { recent: 'breached < 1 h', at_risk: 'at risk', overdue: 'overdue > 1 h' },
    moreTargets: (n) => `+${n} target${n > 1 ? 's' : ''}`,
    moreAlerts: (n) => `+${n} more on the alerts page`,
    spark: { answered: 'answered', abandoned: 'abandoned', perMinute: 'per min', last60: 'last 60 min', peak: (v) => `peak ${v}`, goal: (v) => `goal ${v}` },
    chatChannel: 'Chat channel',
    ticketChannel: 'Ticket channel',
    created: 'Created',
    solved: 'Solved',
    firstReply: 'First reply',
  },
  itemsCount: (n) => `${n} items`,
};

export const es: Messages = {
  live: 'EN DIRECTO',
  stale: 'SIN ACTUALIZAR',
  staleTitle: 'Los datos pueden estar desactualizados',
  rebuilding: 'Reconstruyendo las cifras en vivo desde el histórico: están incompletas hasta que termine',
  lastUpdateAt: (t) => `Última actualización a las ${t}`,
  noDataSince: (t) => `Sin datos desde que se abrió el panel a las ${t}`,
  ago: (s) => (s < 2 ? 'ahora mismo' : s < 120 ? `hace ${s} s` : s < 7200 ? `hace ${Math.floor(s / 60)} min` : `hace ${Math.floor(s / 3600)} h`),
  connecting: 'Conectando…',
  reconnectingIn: (s) => `Reconectando en ${s} s`,
  reconnecting: 'Reconectando…',
  silentServer: 'Conectado, pero el servidor no responde',
  liveUnavailable: 'Conectado, pero el servidor no puede leer los datos en vivo',
  disconnected: 'Desconectado',
  tokenRefused: 'El servidor rechazó el token de lectura',
  tokenMissing: 'Falta el token de lectura en la URL',
  allQueues: 'Todas las colas',
  board: (i, n) => `Panel ${i} de ${n}`,
  waiting: 'En espera',
  longestWait: 'Espera máx.',
  activeChats: 'Chats activos',
  agentsOnline: 'Agentes conectados',
  utilization: 'Ocupación',
  serviceLevel: 'Nivel de servicio',
  serviceLevelShort: 'NS',
  asa: 'TMR',
  asaLong: 'Tiempo medio de respuesta',
  abandonRate: 'Tasa de abandono',
  abandonRateShort: 'Aband.',
  csat: 'CSAT',
  slaBreached: 'SLA incumplidos',
  slaAtRisk: 'SLA en riesgo',
  window: { '15m': '15 min', '60m': '60 min', today: 'hoy' },
  trend: { offered: 'Contactos / min · 60 min', service_level: 'Nivel de servicio · 60 min', asa: 'TMR · 60 min' },
  level: { green: 'OK', amber: 'Atención', red: 'Crítico', neutral: 'Sin datos' },
  status: { online: 'Conectado', away: 'Ausente', offline: 'Desconectado' },
  agents: 'Agentes',
  agentCounts: (on, away, off) => `${on} conectados · ${away} ausentes · ${off} desconectados`,
  noAgents: 'Ningún agente conectado ni ausente',
  presenceInferred: 'Algunos estados son deducidos: los agentes con trabajo cuentan como conectados',
  chatsOf: (a, c) => `${a}/${c}`,
  sla: 'SLA',
  breached: 'Incumplidos',
  atRisk: 'En riesgo',
  paused: 'En pausa',
  overdue: 'de retraso',
  left: 'restantes',
  noSla: 'Ningún ticket incumplido ni en riesgo',
  target: { first_reply: 'Primera respuesta', next_reply: 'Siguiente respuesta', resolution: 'Resolución' },
  priority: { urgent: 'Urgente', high: 'Alta', normal: 'Normal', low: 'Baja' },
  unassigned: 'Sin asignar',
  alerts: 'Alertas',
  noAlerts: 'Ninguna alerta activa',
  severity: { warning: 'Aviso', critical: 'Crítica' },
  acknowledged: 'Reconocida',
  reassignTo: (items, from, to) => `Reasignar ${items}${from ? ` de ${from}` : ''} a ${to}`,
  moveAgents: (agents, from, to) => `Mover a ${agents}${from ? ` de ${from}` : ''} a ${to}`,
  channel: 'Canal',
  page: (p, n) => `${p}/${n}`,
  connectingTitle: 'Conectando…',
  cannotReach: 'No se puede contactar con el servidor de Pulse',
  retrying: 'Reintentando automáticamente.',
  emptyTitle: 'Esperando eventos…',
  emptyBody: (q) =>
    `${q ? `Todavía no hay actividad en ${q}.` : 'Todavía no hay actividad en ninguna cola.'} Las fichas aparecen con los primeros chats y agentes.`,
  tokenRejectedTitle: 'Token de lectura rechazado',
  tokenMissingTitle: 'Falta el token de lectura',
  tokenRejectedBody: (s) => `El servidor rechazó el token de la dirección de esta página (HTTP ${s}): es incorrecto, ha caducado o no tiene el rol de lectura.`,
  tokenMissingBody: (s) => `Este panel necesita un token de lectura para ver los datos en directo (HTTP ${s}).`,
  openAs: 'Abra el panel como',
  controls: { prev: 'Panel anterior', next: 'Panel siguiente', pause: 'Pausar rotación', play: 'Reanudar rotación', fullscreen: 'Pantalla completa' },
  nav: { label: 'Páginas', board: 'Panel', trends: 'Tendencias', alerts: 'Alertas', language: 'Idioma' },
  staffing: {
    needs: (n) => (n === '1' ? 'falta 1' : `faltan ${n}`),
    spare: (n) => `${n} de sobra`,
    forecast: 'previsión',
    measured: 'ahora',
    overloaded: 'desbordada',
    title: (d) =>
      `Erlang C: ${d.staffed} conectados, ${d.required} necesarios para ${d.goal} atendidos en ${d.threshold}${d.asa ? `; espera media prevista ${d.asa}` : '; la cola crece sin límite'}`,
  },
  wall: {
    sample: (n) => `n=${n}`,
    sampleTitle: (n) => `${n} en la ventana: muy pocos para un color`,
    tickets: 'Tickets',
    unsolved: 'Sin resolver',
    unassigned: 'Sin asignar',
    oldestUnassigned: 'Más antiguo sin asignar',
    oldest: 'Más antiguo',
    slaGroup: { recent: 'incumplidos < 1 h', at_risk: 'en riesgo', overdue: 'vencidos > 1 h' },
    moreTargets: (n) => `+${n} objetivo${n > 1 ? 's' : ''}`,
    moreAlerts: (n) => `+${n} más en la página de alertas`,
    spark: {
      answered: 'atendidos',
      abandoned: 'abandonados',
      perMinute: 'por min',
      last60: 'últimos 60 min',
      peak: (v) => `máx. ${v}`,
      goal: (v) => `objetivo ${v}`,
    },
    chatChannel: 'Canal de chat',
    ticketChannel: 'Canal de tickets',
    created: 'Creados',
    solved: 'Resueltos',
    firstReply: 'Primera respuesta',
  },
  itemsCount: (n) => `${n} elementos`,
};

export const MESSAGES = { en, es } as const;
export type Lang = keyof typeof MESSAGES;
