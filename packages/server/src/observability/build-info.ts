// What this build is: the server package's version (for pulse_build_info, the logs, --version and the
// OpenAPI document). Read from the package's own package.json, next to src/ and dist/ alike.
import { readFileSync } from 'node:fs';

export const VERSION: string = (JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }).version;
