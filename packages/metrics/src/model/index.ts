// The live-state model: names of keys, scopes and fields, the compact form of contributions, and the
// incremental derivation state of an item. One owner: nothing else spells these names.
export * from './scope.ts';
export * from './keys.ts';
export * from './item.ts';
export * from './redis-keys.ts';
export * from './contribution-codec.ts';
