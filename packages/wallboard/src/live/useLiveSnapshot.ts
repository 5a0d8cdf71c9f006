// Live data for the board: the first snapshot from `GET /v1/live` through react-query, then the WebSocket's
// snapshot and every patch applied to it (stream.ts) are written into the same cache entry (`['live', filters]`);
// a gap in `seq` asks the server for a snapshot. No polling while the socket is up; while it is down, the REST
// endpoint is polled as a fallback so the board still moves and auth errors show.
// A snapshot in a new minute invalidates the trend; a snapshot after an outage also invalidates the board config.
// A heartbeat is trusted only with its data (connection.ts, judgeHeartbeat): it says whether the server can
// serve live state at all, and which snapshot is its latest; the board is current only when it holds that one.
import { useEffect, useMemo, useRef, useState } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import type { Snapshot } from '@pulse/contracts';
import { fetchLive, isAuthError } from './api.ts';
import { judgeHeartbeat, LiveConnection, liveStreamUrl, type ConnectionStatus } from './connection.ts';
import { shareLiveData } from './share.ts';
import { LiveStream, type StreamStep } from './stream.ts';
import { BOARD_CONFIG_KEY, liveQueryKey, TREND_KEY, type LiveData, type LiveFilters } from './types.ts';

/** REST poll interval used only while the WebSocket is not open. */
export const FALLBACK_POLL_MS = 4_000;

const NO_FILTERS: LiveFilters = {};

export interface LiveState {
  data: LiveData | undefined;
  error: Error | null;
  /** The socket's state, with `liveProblem` from the server's heartbeats. */
  connection: ConnectionStatus;
  /**
   * Client time the board last knew its data current: a snapshot arrived (socket or fetch), or a heartbeat
   * confirmed it (live state healthy, the board holding the server's latest snapshot).
   */
  lastUpdateAt: number | null;
  /** While the socket is open: the server says live state is unavailable (why). The board is STALE then. */
  liveProblem: string | null;
}

const minuteOf = (iso: string): number => Math.floor(Date.parse(iso) / 60_000);

function isNewer(a: Snapshot, b: Snapshot): boolean {
  return Date.parse(a.at) > Date.parse(b.at);
}

export function useLiveSnapshot({ token, filters = NO_FILTERS }: { token: string | null; filters?: LiveFilters }): LiveState {
  const queryClient = useQueryClient();
  const { queue, channel } = filters;
  const stableFilters = useMemo<LiveFilters>(() => ({ ...(queue ? { queue } : {}), ...(channel ? { channel } : {}) }), [queue, channel]);
  const queryKey = useMemo(() => liveQueryKey(stableFilters), [stableFilters]);

  const [connection, setConnection] = useState<ConnectionStatus>({
    state: 'connecting',
    failures: 0,
    retryAt: null,
    lastError: null,
  });
  const [lastMessageAt, setLastMessageAt] = useState<number | null>(null);
  const [liveProblem, setLiveProblem] = useState<string | null>(null);
  const connRef = useRef<LiveConnection | null>(null);
  /** what the socket delivered: the base patches apply to, whatever a REST answer meanwhile put in the cache */
  const streamRef = useRef<LiveStream>(new LiveStream());
  /** Minute of the last snapshot seen, and whether the link was down since (both across WS and REST). */
  const seen = useRef<{ minute: number | null; down: boolean }>({ minute: null, down: false });
  const socketOpen = connection.state === 'open';

  /** Called for every snapshot, from the socket or REST: keeps the trend and the config current. */
  const noteSnapshot = useMemo(
    () => (snapshot: Snapshot) => {
      const minute = minuteOf(snapshot.at);
      const s = seen.current;
      if (s.minute !== null && minute !== s.minute) void queryClient.invalidateQueries({ queryKey: TREND_KEY });
      if (s.down) {
        s.down = false;
        void queryClient.invalidateQueries({ queryKey: TREND_KEY });
        void queryClient.invalidateQueries({ queryKey: BOARD_CONFIG_KEY });
      }
      s.minute = minute;
    },
    [queryClient],
  );

  const query = useQuery({
    queryKey,
    queryFn: async ({ signal }): Promise<LiveData> => {
      const snapshot = await fetchLive({ token, filters: stableFilters, signal });
      // The server answers again: do not wait out the socket's backoff.
      connRef.current?.reconnectNow();
      // The socket may have delivered a newer snapshot while this request was in flight: keep the newer one.
      const current = queryClient.getQueryData<LiveData>(queryKey);
      if (current && isNewer(current.snapshot, snapshot)) return current;
      // While the socket delivers, the board shows its state (patches apply to it), not a read in between.
      if (streamRef.current.current && current) return current;
      noteSnapshot(snapshot);
      return { snapshot, receivedAt: Date.now() };
    },
    structuralSharing: shareLiveData,
    staleTime: Infinity,
    refetchOnWindowFocus: false,
    refetchOnReconnect: false,
    refetchInterval: socketOpen ? false : FALLBACK_POLL_MS,
    refetchIntervalInBackground: true,
    retry: (failureCount, error) => !isAuthError(error) && failureCount < 2,
    retryDelay: (attempt) => Math.min(1_000 * 2 ** attempt, 4_000),
  });

  useEffect(() => {
    const stream = streamRef.current;
    stream.clear();
    const step = (s: StreamStep, now: number) => {
      if (s.kind === 'resync') conn.send({ type: 'resync' });
      if (s.kind !== 'state') return;
      setLastMessageAt(now);
      noteSnapshot(s.snapshot);
      queryClient.setQueryData<LiveData>(queryKey, { snapshot: s.snapshot, receivedAt: now });
    };
    const conn = new LiveConnection({
      url: liveStreamUrl(window.location, token, stableFilters),
      onStatus: (status) => {
        if (status.state === 'retrying') seen.current.down = true;
        // what heartbeats said holds for their socket only; the next socket starts with its own snapshot
        if (status.state !== 'open') {
          setLiveProblem(null);
          stream.clear();
        }
        setConnection(status);
      },
      onMessage: (msg) => {
        const now = Date.now();
        if (msg.type === 'snapshot') step(stream.onSnapshot(msg), now);
        else if (msg.type === 'patch') step(stream.onPatch(msg, now), now);
        else if (msg.type === 'heartbeat') {
          step(stream.onHeartbeat(msg, now), now);
          const held = queryClient.getQueryData<LiveData>(queryKey);
          // a board awaiting its snapshot (or a resync) holds no seq of this stream: it is behind
          const seq = stream.current ? stream.current.seq : msg.seq !== undefined ? -1 : null;
          const verdict = judgeHeartbeat(msg, held ? { at: held.snapshot.at, receivedAt: held.receivedAt, seq } : null, now);
          if (verdict.current) setLastMessageAt(now);
          setLiveProblem(verdict.problem);
        }
      },
    });
    connRef.current = conn;
    // Started a tick later so a mount that is undone at once (React StrictMode in dev) never opens a socket.
    const startTimer = setTimeout(() => conn.start(), 0);
    return () => {
      clearTimeout(startTimer);
      conn.stop();
      if (connRef.current === conn) connRef.current = null;
    };
  }, [queryClient, queryKey, stableFilters, token, noteSnapshot]);

  const fetchedAt = query.isSuccess ? query.dataUpdatedAt : 0;
  const lastUpdateAt = Math.max(lastMessageAt ?? 0, fetchedAt) || null;

  const connectionWithLive = useMemo(() => ({ ...connection, liveProblem }), [connection, liveProblem]);
  return { data: query.data, error: query.error, connection: connectionWithLive, lastUpdateAt, liveProblem };
}
