// The `pulse-server` command (bin/pulse-server.js runs this): dispatches to serve, migrate or hash-token,
// loading only the command it runs (the server's modules are not loaded for --help or hash-token).
import { VERSION } from '../observability/build-info.ts';
import { EXIT } from './fail.ts';
import { USAGE } from './usage.ts';

const [command = 'serve', ...args] = process.argv.slice(2);
switch (command) {
  case 'serve':
    await (await import('./serve.ts')).serve();
    break;
  case 'migrate':
    process.exitCode = await (await import('./migrate.ts')).migrateCommand();
    break;
  case 'hash-token':
    process.exitCode = await (await import('./hash-token.ts')).hashTokenCommand(args);
    break;
  case '--version':
  case '-v':
    process.stdout.write(`${VERSION}\n`);
    break;
  case '--help':
  case '-h':
  case 'help':
    process.stdout.write(USAGE);
    break;
  default:
    process.stderr.write(`pulse: unknown command '${command}'\n\n${USAGE}`);
    process.exitCode = EXIT.usage;
}
