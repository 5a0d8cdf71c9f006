// The server's entry point in a source checkout (`pnpm --filter @pulse/server start`, the demo, the tests):
// the same as `pulse-server serve` (cli/serve.ts).
import { serve } from './cli/serve.ts';

await serve();
