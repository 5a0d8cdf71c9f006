// Scopes of SPEC §2: defined by the live-state model (model/scope.ts); re-exported for older imports.
export { OVERALL, queueScope, channelScope, agentScope, queueOf, channelOf, agentOf, scopesOf, scopedField } from './model/scope.ts';
