// Counters about this instance's WebSocket clients, for GET /metrics.
export class WsStats {
  /** clients closed with 1013 for being too slow (buffer over the hard cap, or over the soft cap too long) */
  slowClosed = 0;
  /** snapshots not queued to a client above the soft cap (kept as its one unsent state, or replacing it) */
  coalesced = 0;
  /** clients dropped for not answering a ping in time */
  pongTimeouts = 0;
  /** upgrades refused for a connection cap, per limit */
  refusedToken = 0;
  refusedAddress = 0;

  metrics(buffered: { total: number; max: number }): Record<string, number> {
    return {
      pulse_websocket_slow_closed_total: this.slowClosed,
      pulse_websocket_sends_coalesced_total: this.coalesced,
      pulse_websocket_pong_timeouts_total: this.pongTimeouts,
      pulse_websocket_refused_total: this.refusedToken + this.refusedAddress,
      pulse_websocket_refused_token_total: this.refusedToken,
      pulse_websocket_refused_address_total: this.refusedAddress,
      pulse_websocket_buffered_bytes: buffered.total,
      pulse_websocket_buffered_bytes_max: buffered.max,
    };
  }
}
