#!/usr/bin/env node
// The `pulse-server` command: serve (the default), migrate, hash-token; `pulse-server --help` says more.
// An installed package (pnpm deploy, the image) runs the built JavaScript with plain node. In a source
// checkout the workspace packages export their TypeScript sources, so there it runs the sources, through tsx.
if (import.meta.resolve('@pulse/contracts').endsWith('.ts')) {
  const { register } = await import('tsx/esm/api');
  register();
  await import('../src/cli/main.ts');
} else {
  await import('../dist/cli/main.js');
}
