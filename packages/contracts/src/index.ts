export * from './events.ts';
export * from './limits.ts';
export * from './validate.ts';
export * from './snapshot.ts';
export * from './ingest.ts';
export * from './alerts.ts';
export * from './board.ts';
export * from './own.ts';
