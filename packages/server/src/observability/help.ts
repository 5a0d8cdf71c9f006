// HELP text of the counters and gauges an instance reports through its probe (observability/probe.ts, metrics()).
// A name missing here still gets a HELP line, made from its name (probe-bridge.ts).
export const PROBE_HELP: Record<string, string> = {
  pulse_stream_length: 'Entries in the event stream (Redis), all consumer groups together',
  pulse_items_applied_total: 'Items (chats, tickets, agents) whose new events this instance applied to the live state',
  pulse_items_extended_total:
    'Item changes derived from the item’s stored derivation state, without its earlier events (the rest are derived from all of them)',
  pulse_items_failed_total: 'Items whose events could not be derived; their events are kept in history only',
  pulse_history_rows_written_total: 'Event rows this instance wrote to ClickHouse',
  pulse_history_dead_letters_total: 'History rows ClickHouse refused for what they hold, kept in pulse.dead_letters (alert on any increase)',
  pulse_websocket_clients: 'WebSocket clients (wall-boards) connected to this instance',
  pulse_websocket_pushes_total: 'Snapshots pushed to this instance’s WebSocket clients',
  pulse_websocket_buffered_bytes: 'Bytes buffered for this instance’s WebSocket clients, all together',
  pulse_websocket_buffered_bytes_max: 'Bytes buffered for the WebSocket client with the most',
  pulse_websocket_sends_coalesced_total: 'Snapshots replaced by a newer one before a slow client could take them',
  pulse_websocket_slow_closed_total: 'WebSocket clients closed with 1013 for reading too slowly',
  pulse_websocket_pong_timeouts_total: 'WebSocket clients dropped for not answering a ping',
  pulse_websocket_refused_total: 'Live stream upgrades refused by a connection cap',
  pulse_websocket_refused_token_total: 'Live stream upgrades refused by ws.maxPerToken',
  pulse_websocket_refused_address_total: 'Live stream upgrades refused by ws.maxPerAddress',
  pulse_alert_evaluations_total: 'Alert rule evaluations run by this instance',
};

/** A help-desk source's counters: `pulse_source_<source>_<what>_total`. */
const SOURCE_COUNTER = /^pulse_source_([a-z]+)_([a-z_]+)_total$/;
const SOURCE_WHAT: Record<string, string> = {
  requests: 'authenticated deliveries',
  events: 'canonical events accepted',
  duplicates: 'canonical events that were duplicates',
  ignored: 'parts of deliveries ignored',
  unknown_types: 'deliveries of event types Pulse does not map',
  unmappable: 'deliveries refused as unmappable',
  auth_failures: 'deliveries refused for their authentication',
  late_deliveries: 'deliveries accepted though signed more than 5 minutes ago (retries, a clock behind)',
};

export function helpFor(name: string): string {
  const known = PROBE_HELP[name];
  if (known) return known;
  const [, from, kind] = SOURCE_COUNTER.exec(name) ?? [];
  const what = kind === undefined ? undefined : SOURCE_WHAT[kind];
  if (what) return `Webhook ${what} from ${from}`;
  return `Pulse ${name
    .replace(/^pulse_/, '')
    .replace(/_total$/, '')
    .replace(/_/g, ' ')}`;
}
