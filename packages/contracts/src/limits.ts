// Limits of the ingest contract (SPEC §1). One place, quoted by error messages and docs.
export const LIMITS = {
  batchEvents: 5000,
  batchBytes: 5 * 1024 * 1024,
  idLength: 128,
  nameLength: 256,
  commentLength: 4096,
  agentQueues: 200,
  futureSkewMs: 5 * 60 * 1000,
  /** events older than this many days are rejected unless the server configures another bound (3 years) */
  maxEventAgeDays: 3 * 365,
} as const;
