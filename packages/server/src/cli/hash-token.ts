// `pulse-server hash-token [TOKEN]`: the SHA-256 of a token, as PULSE_TOKENS takes it (`role:sha256:<hex>`),
// so a config holds no token in clear. The token comes from the argument or, without one, from stdin
// (keeps it out of the shell history); surrounding whitespace is dropped, as the server drops it.
import { createHash } from 'node:crypto';
import { text } from 'node:stream/consumers';
import { EXIT } from './fail.ts';

export function tokenHash(token: string): string {
  return `sha256:${createHash('sha256').update(token).digest('hex')}`;
}

export async function hashTokenCommand(args: string[]): Promise<number> {
  const token = (args[0] ?? (process.stdin.isTTY ? '' : await text(process.stdin))).trim();
  if (token === '') {
    process.stderr.write('pulse: hash-token needs a token: pulse-server hash-token TOKEN, or echo TOKEN | pulse-server hash-token\n');
    return EXIT.usage;
  }
  process.stdout.write(`${tokenHash(token)}\n`);
  return EXIT.ok;
}
