// The part of @pulse/metrics a browser bundle may import (`@pulse/metrics/browser`): business rules, the
// scope encoding and the window formulas. Every module re-exported here imports
// nothing but @pulse/contracts and its own siblings, no Node built-in.
export { DEFAULT_SERVICE_LEVEL_S, QUEUE_WAIT_FACTORS, queueWaitThresholdsS, utilizationPct } from './rules.ts';
export { OVERALL, agentScope, buildScope, channelOf, channelScope, parseScope, queueOf, queueScope, type ScopeOf } from './model/scope.ts';
export { windowMetrics, type Counters } from './formulas.ts';
