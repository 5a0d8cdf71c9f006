/** The LIVE / STALE marker. Its text is exactly `LIVE` or `STALE` (the dot is drawn by CSS). */
export function LiveStatus({ stale }: { stale: boolean }) {
  return (
    <div
      data-testid="live-status"
      className={`live-status ${stale ? 'is-stale' : 'is-live'}`}
      role="status"
      aria-live="polite"
    >
      {stale ? 'STALE' : 'LIVE'}
    </div>
  );
}
