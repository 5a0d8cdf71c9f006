export { createPulseClient, type PulseClient, type ClientOptions, type CallOptions, type LiveQuery, type SeriesQuery, type SeriesReply } from './client.ts';
export { OPERATIONS, fillPath, type OperationName } from './operations.ts';
export type { Reply } from './reply.ts';
