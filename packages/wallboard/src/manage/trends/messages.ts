// Every word of the trends page, in English and Spanish (the board's languages).
import type { Lang } from '../../i18n/messages.ts';
import type { Compare, Interval, Preset } from '../range.ts';
import type { ChartId, MetricKey, NotApplicable, Samples } from './metrics.ts';

export interface TrendsMessages {
  title: string;
  period: string;
  preset: Record<Preset, string>;
  from: string;
  to: string;
  interval: string;
  intervalName: Record<Interval, string>;
  intervalUnfit: string;
  intervalUnfitTitle: string;
  compare: string;
  compareName: Record<Compare, string>;
  compareWeekUnfit: string;
  comparedWith: (range: string) => string;
  queues: string;
  channels: string;
  allQueues: string;
  allChannels: string;
  noneSeen: string;
  clear: string;
  oneKindOfFilter: (other: string) => string;
  agentFilter: (name: string) => string;
  clearAgent: string;
  channelName: (c: string) => string;
  timeZone: (tz: string) => string;
  csv: string;
  csvTitle: string;
  metric: Record<MetricKey, string>;
  chart: Record<ChartId, string>;
  previous: (label: string) => string;
  compareLegend: (range: string) => string;
  pts: string;
  vs: (value: string) => string;
  sample: Record<keyof Samples, (n: string, count: number) => string>;
  noData: string;
  noDataPeriod: string;
  loading: string;
  notApplicable: (na: NotApplicable, names: string) => string;
  clickToDrill: string;
  drillTitle: (chart: string, when: string) => string;
  drillCount: Record<ChartId, (n: string, total: number) => string>;
  drillCap: (shown: string, total: string, csvMax: string) => string;
  drillEmpty: string;
  closeDrill: string;
  column: Record<
    | 'kind'
    | 'id'
    | 'queue'
    | 'channel'
    | 'agent'
    | 'status'
    | 'priority'
    | 'started'
    | 'answered'
    | 'ended'
    | 'wait'
    | 'handle'
    | 'frt'
    | 'csat'
    | 'slaMet'
    | 'slaBreached',
    string
  >;
  kind: Record<'chat' | 'ticket', string>;
  statusName: (status: string, abandoned: boolean) => string;
  priorityName: Record<string, string>;
  csatValue: Record<'good' | 'bad', string>;
  openInHelpdesk: string;
  agentsTitle: string;
  agentsNote: string;
  agentColumn: Record<'name' | 'handled' | 'aht' | 'frt' | 'csat' | 'slaMet' | 'slaBreached' | 'attainment' | 'online' | 'away', string>;
  agentRowTitle: string;
  noAgents: string;
  staffingTitle: string;
  staffingNote: (weeks: string) => string;
  heatOffered: string;
  heatServiceLevel: string;
  heatCell: (day: string, hour: string, offered: string, perHour: string, hours: number, sl: string) => string;
  weekdays: string[];
  error: string;
  /** agents needed (Erlang C) against agents online, per interval of one queue (trends/StaffingTrend.tsx) */
  staffingTrend: {
    title: (queue: string) => string;
    note: (goal: string, interval: string) => string;
    pickQueue: string;
    tooLong: string;
    required: string;
    online: string;
    under: (n: number) => string;
    over: (n: number) => string;
    even: string;
    point: (d: { offered: string; rate: string; aht: string; load: string }) => string;
    interval: Record<'15m' | '1h', string>;
  };
}

const CHANNELS_EN: Record<string, string> = {
  chat: 'Chat',
  voice: 'Voice',
  messaging: 'Messaging',
  social: 'Social',
  email: 'Email',
  web: 'Web',
  phone: 'Phone',
  api: 'API',
};
const CHANNELS_ES: Record<string, string> = {
  chat: 'Chat',
  voice: 'Voz',
  messaging: 'Mensajería',
  social: 'Redes sociales',
  email: 'Correo',
  web: 'Web',
  phone: 'Teléfono',
  api: 'API',
};

export const en: TrendsMessages = {
  title: 'Trends',
  period: 'Period',
  preset: {
    today: 'Today',
    yesterday: 'Yesterday',
    '24h': 'Last 24 h',
    thisweek: 'This week',
    lastweek: 'Last week',
    '7d': 'Last 7 days',
    '30d': 'Last 30 days',
    thismonth: 'This month',
    lastmonth: 'Last month',
    '90d': 'Last 90 days',
    custom: 'Custom',
  },
  from: 'From',
  to: 'To',
  interval: 'Interval',
  intervalName: { '5m': '5 minutes', '15m': '15 minutes', '1h': 'Hour', '1d': 'Day', '1w': 'Week', '1mo': 'Month' },
  intervalUnfit: 'too fine or too coarse for this period',
  intervalUnfitTitle: 'Greyed-out intervals give too many points, or not one whole point, for this period',
  compare: 'Compare with',
  compareName: { prev: 'Previous period', week: 'Same period last week', none: 'No comparison' },
  compareWeekUnfit: 'Only for periods of a week or less',
  comparedWith: (r) => `compared with ${r}`,
  queues: 'Queues',
  channels: 'Channels',
  allQueues: 'All queues',
  allChannels: 'All channels',
  noneSeen: 'None in this period',
  clear: 'Clear',
  oneKindOfFilter: (other) => `History keeps figures per queue and per channel, not both: clear the ${other} filter first`,
  agentFilter: (n) => `Agent: ${n}`,
  clearAgent: 'Show all agents',
  channelName: (c) => CHANNELS_EN[c] ?? c,
  timeZone: (tz) => `Times in ${tz}`,
  csv: 'CSV',
  csvTitle: 'Download as CSV',
  metric: {
    offered: 'Chats offered',
    answered: 'Chats answered',
    abandoned: 'Chats abandoned',
    asa_s: 'Average speed of answer',
    service_level_pct: 'Service level',
    abandon_rate_pct: 'Abandon rate',
    aht_s: 'Average handle time',
    csat_pct: 'CSAT',
    csat_responses: 'CSAT responses',
    created: 'Tickets created',
    solved: 'Tickets solved',
    frt_avg_s: 'First reply time',
    frt_p90_s: 'First reply time, 90th percentile',
    reassignments: 'Reassignments',
    fcr_pct: 'First contact resolution',
    sla_achievement_pct: 'SLA attainment',
  },
  chart: {
    volume: 'Volume',
    service_level: 'Service level',
    asa: 'Average speed of answer',
    abandon: 'Abandon rate',
    aht: 'Average handle time',
    csat: 'CSAT',
    frt: 'First reply time',
    sla: 'SLA attainment',
    fcr: 'First contact resolution',
    reassignments: 'Reassignments',
  },
  previous: (l) => `${l} · comparison`,
  compareLegend: (r) => `Dashed: ${r}`,
  pts: 'pts',
  vs: (v) => `vs ${v}`,
  sample: {
    offered: (n, k) => `${n} ${k === 1 ? 'chat' : 'chats'}`,
    answered: (n, k) => `${n} ${k === 1 ? 'chat' : 'chats'} answered`,
    service_level: (n, k) => `${n} ${k === 1 ? 'chat' : 'chats'}`,
    handled: (n, k) => `${n} ${k === 1 ? 'chat' : 'chats'} handled`,
    csat: (n, k) => `${n} ${k === 1 ? 'response' : 'responses'}`,
    frt: (n, k) => `${n} ${k === 1 ? 'ticket' : 'tickets'}`,
    sla: (n, k) => `${n} ${k === 1 ? 'target' : 'targets'}`,
    solved: (n, k) => `${n} ${k === 1 ? 'ticket' : 'tickets'} solved`,
  },
  noData: 'No data',
  noDataPeriod: 'No data for this period',
  loading: 'Loading…',
  notApplicable: (na, names) =>
    na.why === 'agent'
      ? 'Not applicable to one agent: it is a figure of queues and channels'
      : na.why === 'no-tickets'
        ? `Not applicable: ${names} carries no tickets`
        : `Not applicable: ${names} carries no chats`,
  clickToDrill: 'Click a point to list what is behind it',
  drillTitle: (chart, when) => `${chart} · ${when}`,
  drillCount: {
    volume: (n, k) => `${n} ${k === 1 ? 'chat offered or ticket created or solved' : 'chats offered and tickets created or solved'} in this interval`,
    service_level: (n, k) => `${n} ${k === 1 ? 'chat' : 'chats'} offered in this interval (answered or abandoned)`,
    asa: (n, k) => `${n} ${k === 1 ? 'chat' : 'chats'} answered in this interval`,
    abandon: (n, k) => `${n} ${k === 1 ? 'chat' : 'chats'} offered in this interval (answered or abandoned)`,
    aht: (n, k) => `${n} ${k === 1 ? 'chat' : 'chats'} ended in this interval`,
    csat: (n, k) => `${n} ${k === 1 ? 'chat or ticket' : 'chats and tickets'} rated in this interval`,
    frt: (n, k) => `${n} ${k === 1 ? 'ticket' : 'tickets'} first replied in this interval`,
    sla: (n, k) => `${n} ${k === 1 ? 'ticket' : 'tickets'} with an SLA target met or breached in this interval`,
    fcr: (n, k) => `${n} ${k === 1 ? 'ticket' : 'tickets'} solved in this interval`,
    reassignments: (n, k) => `${n} ${k === 1 ? 'chat or ticket' : 'chats and tickets'} reassigned or transferred in this interval`,
  },
  drillCap: (shown, total, max) => `Showing the first ${shown} of ${total}; the CSV holds up to ${max}.`,
  drillEmpty: 'Nothing behind this point.',
  closeDrill: 'Close',
  column: {
    kind: 'Type',
    id: 'ID',
    queue: 'Queue',
    channel: 'Channel',
    agent: 'Agent',
    status: 'Status',
    priority: 'Priority',
    started: 'Started',
    answered: 'Answered / first reply',
    ended: 'Ended / solved',
    wait: 'Wait',
    handle: 'Handle time',
    frt: 'First reply time',
    csat: 'CSAT',
    slaMet: 'SLA met',
    slaBreached: 'SLA breached',
  },
  kind: { chat: 'Chat', ticket: 'Ticket' },
  statusName: (s, abandoned) =>
    abandoned
      ? 'Abandoned'
      : ((
          {
            waiting: 'Waiting',
            active: 'Active',
            ended: 'Ended',
            new: 'New',
            open: 'Open',
            pending: 'Pending',
            on_hold: 'On hold',
            solved: 'Solved',
            closed: 'Closed',
          } as Record<string, string>
        )[s] ?? s),
  priorityName: { urgent: 'Urgent', high: 'High', normal: 'Normal', low: 'Low' },
  csatValue: { good: 'Good', bad: 'Bad' },
  openInHelpdesk: 'Open in the help desk',
  agentsTitle: 'Agents',
  agentsNote: 'All queues. Click an agent to see their figures in the charts.',
  agentColumn: {
    name: 'Agent',
    handled: 'Handled',
    aht: 'Handle time',
    frt: 'First reply',
    csat: 'CSAT (responses)',
    slaMet: 'SLA met',
    slaBreached: 'SLA breached',
    attainment: 'Attainment',
    online: 'Online',
    away: 'Away',
  },
  agentRowTitle: 'Show this agent in the charts',
  noAgents: 'No agent worked in this period.',
  staffingTitle: 'Staffing: when contacts come and how fast they are answered',
  staffingNote: (w) => `Chats offered per hour and service level, by weekday and hour, over ${w}. Faded service levels stand on fewer than 5 chats.`,
  heatOffered: 'Chats offered per hour (mean)',
  heatServiceLevel: 'Service level',
  heatCell: (day, hour, offered, perHour, hours, sl) =>
    `${day} ${hour}: ${offered} chats offered over ${hours} ${hours === 1 ? 'hour' : 'hours'} (${perHour} per hour), service level ${sl}`,
  weekdays: ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'],
  error: 'Could not load',
  staffingTrend: {
    title: (q) => `Agents needed against agents online: ${q}`,
    note: (goal, interval) =>
      `Per ${interval}: the agents Erlang C says were needed for ${goal} of contacts answered within the queue's threshold, from the contacts offered and their handle time, against the mean number of agents online in the queue. Intervals with fewer than 5 contacts have no figure.`,
    pickQueue: 'Choose one queue to see the agents it needed against the agents it had.',
    tooLong: 'Too long a period for staffing by interval: choose a shorter one.',
    required: 'Agents needed',
    online: 'Agents online',
    under: (n) => `${n} under-staffed ${n === 1 ? 'interval' : 'intervals'}`,
    over: (n) => `${n} with an agent or more to spare`,
    even: 'staffed as needed in every interval with a forecast',
    point: (d) => `${d.offered} offered (${d.rate} per hour), handle time ${d.aht}, ${d.load} erlangs`,
    interval: { '15m': 'quarter hour', '1h': 'hour' },
  },
};

export const es: TrendsMessages = {
  title: 'Tendencias',
  period: 'Periodo',
  preset: {
    today: 'Hoy',
    yesterday: 'Ayer',
    '24h': 'Últimas 24 h',
    thisweek: 'Esta semana',
    lastweek: 'Semana pasada',
    '7d': 'Últimos 7 días',
    '30d': 'Últimos 30 días',
    thismonth: 'Este mes',
    lastmonth: 'Mes pasado',
    '90d': 'Últimos 90 días',
    custom: 'Personalizado',
  },
  from: 'Desde',
  to: 'Hasta',
  interval: 'Intervalo',
  intervalName: { '5m': '5 minutos', '15m': '15 minutos', '1h': 'Hora', '1d': 'Día', '1w': 'Semana', '1mo': 'Mes' },
  intervalUnfit: 'demasiado fino o grueso para este periodo',
  intervalUnfitTitle: 'Los intervalos en gris dan demasiados puntos, o ninguno completo, para este periodo',
  compare: 'Comparar con',
  compareName: { prev: 'Periodo anterior', week: 'Mismo periodo de la semana pasada', none: 'Sin comparación' },
  compareWeekUnfit: 'Solo para periodos de una semana o menos',
  comparedWith: (r) => `comparado con ${r}`,
  queues: 'Colas',
  channels: 'Canales',
  allQueues: 'Todas las colas',
  allChannels: 'Todos los canales',
  noneSeen: 'Ninguna en este periodo',
  clear: 'Quitar',
  oneKindOfFilter: (other) => `El histórico guarda cifras por cola y por canal, no por ambos: quite antes el filtro de ${other}`,
  agentFilter: (n) => `Agente: ${n}`,
  clearAgent: 'Ver todos los agentes',
  channelName: (c) => CHANNELS_ES[c] ?? c,
  timeZone: (tz) => `Horas en ${tz}`,
  csv: 'CSV',
  csvTitle: 'Descargar en CSV',
  metric: {
    offered: 'Chats ofrecidos',
    answered: 'Chats atendidos',
    abandoned: 'Chats abandonados',
    asa_s: 'Tiempo medio de respuesta',
    service_level_pct: 'Nivel de servicio',
    abandon_rate_pct: 'Tasa de abandono',
    aht_s: 'Tiempo medio de gestión',
    csat_pct: 'CSAT',
    csat_responses: 'Respuestas CSAT',
    created: 'Tickets creados',
    solved: 'Tickets resueltos',
    frt_avg_s: 'Tiempo de primera respuesta',
    frt_p90_s: 'Primera respuesta, percentil 90',
    reassignments: 'Reasignaciones',
    fcr_pct: 'Resolución en el primer contacto',
    sla_achievement_pct: 'Cumplimiento de SLA',
  },
  chart: {
    volume: 'Volumen',
    service_level: 'Nivel de servicio',
    asa: 'Tiempo medio de respuesta',
    abandon: 'Tasa de abandono',
    aht: 'Tiempo medio de gestión',
    csat: 'CSAT',
    frt: 'Tiempo de primera respuesta',
    sla: 'Cumplimiento de SLA',
    fcr: 'Resolución en el primer contacto',
    reassignments: 'Reasignaciones',
  },
  previous: (l) => `${l} · comparación`,
  compareLegend: (r) => `Discontinua: ${r}`,
  pts: 'p. p.',
  vs: (v) => `frente a ${v}`,
  sample: {
    offered: (n, k) => `${n} ${k === 1 ? 'chat' : 'chats'}`,
    answered: (n, k) => `${n} ${k === 1 ? 'chat atendido' : 'chats atendidos'}`,
    service_level: (n, k) => `${n} ${k === 1 ? 'chat' : 'chats'}`,
    handled: (n, k) => `${n} ${k === 1 ? 'chat gestionado' : 'chats gestionados'}`,
    csat: (n, k) => `${n} ${k === 1 ? 'respuesta' : 'respuestas'}`,
    frt: (n, k) => `${n} ${k === 1 ? 'ticket' : 'tickets'}`,
    sla: (n, k) => `${n} ${k === 1 ? 'objetivo' : 'objetivos'}`,
    solved: (n, k) => `${n} ${k === 1 ? 'ticket resuelto' : 'tickets resueltos'}`,
  },
  noData: 'Sin datos',
  noDataPeriod: 'Sin datos en este periodo',
  loading: 'Cargando…',
  notApplicable: (na, names) =>
    na.why === 'agent'
      ? 'No aplicable a un agente: es una cifra de colas y canales'
      : na.why === 'no-tickets'
        ? `No aplicable: ${names} no tiene tickets`
        : `No aplicable: ${names} no tiene chats`,
  clickToDrill: 'Pulse un punto para ver lo que hay detrás',
  drillTitle: (chart, when) => `${chart} · ${when}`,
  drillCount: {
    volume: (n, k) => `${n} ${k === 1 ? 'chat ofrecido o ticket creado o resuelto' : 'chats ofrecidos y tickets creados o resueltos'} en este intervalo`,
    service_level: (n, k) => `${n} ${k === 1 ? 'chat ofrecido' : 'chats ofrecidos'} en este intervalo (atendidos o abandonados)`,
    asa: (n, k) => `${n} ${k === 1 ? 'chat atendido' : 'chats atendidos'} en este intervalo`,
    abandon: (n, k) => `${n} ${k === 1 ? 'chat ofrecido' : 'chats ofrecidos'} en este intervalo (atendidos o abandonados)`,
    aht: (n, k) => `${n} ${k === 1 ? 'chat terminado' : 'chats terminados'} en este intervalo`,
    csat: (n, k) => `${n} ${k === 1 ? 'chat o ticket valorado' : 'chats y tickets valorados'} en este intervalo`,
    frt: (n, k) => `${n} ${k === 1 ? 'ticket con su primera respuesta' : 'tickets con su primera respuesta'} en este intervalo`,
    sla: (n, k) =>
      `${n} ${k === 1 ? 'ticket con un objetivo de SLA cumplido o incumplido' : 'tickets con un objetivo de SLA cumplido o incumplido'} en este intervalo`,
    fcr: (n, k) => `${n} ${k === 1 ? 'ticket resuelto' : 'tickets resueltos'} en este intervalo`,
    reassignments: (n, k) => `${n} ${k === 1 ? 'chat o ticket reasignado o transferido' : 'chats y tickets reasignados o transferidos'} en este intervalo`,
  },
  drillCap: (shown, total, max) => `Se muestran los primeros ${shown} de ${total}; el CSV contiene hasta ${max}.`,
  drillEmpty: 'No hay nada detrás de este punto.',
  closeDrill: 'Cerrar',
  column: {
    kind: 'Tipo',
    id: 'ID',
    queue: 'Cola',
    channel: 'Canal',
    agent: 'Agente',
    status: 'Estado',
    priority: 'Prioridad',
    started: 'Inicio',
    answered: 'Atendido / primera respuesta',
    ended: 'Fin / resuelto',
    wait: 'Espera',
    handle: 'Gestión',
    frt: 'Primera respuesta',
    csat: 'CSAT',
    slaMet: 'SLA cumplidos',
    slaBreached: 'SLA incumplidos',
  },
  kind: { chat: 'Chat', ticket: 'Ticket' },
  statusName: (s, abandoned) =>
    abandoned
      ? 'Abandonado'
      : ((
          {
            waiting: 'En espera',
            active: 'Activo',
            ended: 'Terminado',
            new: 'Nuevo',
            open: 'Abierto',
            pending: 'Pendiente',
            on_hold: 'En espera',
            solved: 'Resuelto',
            closed: 'Cerrado',
          } as Record<string, string>
        )[s] ?? s),
  priorityName: { urgent: 'Urgente', high: 'Alta', normal: 'Normal', low: 'Baja' },
  csatValue: { good: 'Buena', bad: 'Mala' },
  openInHelpdesk: 'Abrir en el help desk',
  agentsTitle: 'Agentes',
  agentsNote: 'Todas las colas. Pulse un agente para ver sus cifras en los gráficos.',
  agentColumn: {
    name: 'Agente',
    handled: 'Gestionados',
    aht: 'Gestión',
    frt: 'Primera respuesta',
    csat: 'CSAT (respuestas)',
    slaMet: 'SLA cumplidos',
    slaBreached: 'SLA incumplidos',
    attainment: 'Cumplimiento',
    online: 'Conectado',
    away: 'Ausente',
  },
  agentRowTitle: 'Ver este agente en los gráficos',
  noAgents: 'Ningún agente trabajó en este periodo.',
  staffingTitle: 'Personal: cuándo llegan los contactos y con qué rapidez se atienden',
  staffingNote: (w) =>
    `Chats ofrecidos por hora y nivel de servicio, por día de la semana y hora, en ${w}. Los niveles de servicio atenuados se basan en menos de 5 chats.`,
  heatOffered: 'Chats ofrecidos por hora (media)',
  heatServiceLevel: 'Nivel de servicio',
  heatCell: (day, hour, offered, perHour, hours, sl) =>
    `${day} ${hour}: ${offered} chats ofrecidos en ${hours} ${hours === 1 ? 'hora' : 'horas'} (${perHour} por hora), nivel de servicio ${sl}`,
  weekdays: ['lunes', 'martes', 'miércoles', 'jueves', 'viernes', 'sábado', 'domingo'],
  error: 'No se pudo cargar',
  staffingTrend: {
    title: (q) => `Agentes necesarios frente a agentes conectados: ${q}`,
    note: (goal, interval) =>
      `Por ${interval}: los agentes que según Erlang C hacían falta para atender el ${goal} de los contactos dentro del umbral de la cola, a partir de los contactos ofrecidos y su tiempo de gestión, frente al número medio de agentes conectados en la cola. Los intervalos con menos de 5 contactos no tienen cifra.`,
    pickQueue: 'Elija una cola para ver los agentes que necesitó frente a los que tuvo.',
    tooLong: 'Periodo demasiado largo para la dotación por intervalo: elija uno más corto.',
    required: 'Agentes necesarios',
    online: 'Agentes conectados',
    under: (n) => `${n} ${n === 1 ? 'intervalo' : 'intervalos'} con falta de agentes`,
    over: (n) => `${n} con al menos un agente de sobra`,
    even: 'con los agentes necesarios en cada intervalo con previsión',
    point: (d) => `${d.offered} ofrecidos (${d.rate} por hora), tiempo de gestión ${d.aht}, ${d.load} erlangs`,
    interval: { '15m': 'cuarto de hora', '1h': 'hora' },
  },
};

export const TRENDS_MESSAGES: Record<Lang, TrendsMessages> = { en, es };
