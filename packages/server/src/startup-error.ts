// An error that stops Pulse from starting for a reason the operator can fix (ClickHouse too old or
// unreachable, the embedded engine not installed): printed as one line, without a stack, exit code 1.
export class StartupError extends Error {
  override name = 'StartupError';
}
