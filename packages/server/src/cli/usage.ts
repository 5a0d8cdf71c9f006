// The help text of the `pulse-server` command.
import { VERSION } from '../observability/build-info.ts';

export const USAGE = `pulse-server ${VERSION}: the Pulse live support-operations monitor

Usage:
  pulse-server [serve]          start the server (HTTP, WebSocket, stream consumers)
  pulse-server migrate          apply the ClickHouse migrations, then exit
  pulse-server hash-token [T]   print sha256:<hex> of token T (read from stdin when omitted),
                                for PULSE_TOKENS=role:sha256:<hex> (no token in clear in the config)
  pulse-server --version        print the version
  pulse-server --help           print this text

Configuration comes from the environment (see .env.example) and from the YAML or JSON file named by
PULSE_CONFIG; the environment wins. Without CLICKHOUSE_URL the history store is embedded chDB under
PULSE_DATA_DIR (the optional package chdb must be installed).

Exit codes: 0 done, 1 failed (one line on stderr for a cause you can fix), 2 bad usage or configuration.
`;
