// A board on a wall has nobody to press reload. A panel that fails to render shows a quiet placeholder and tries
// again with the next snapshot; anything else that fails shows a notice and reloads the page as soon as the
// server answers (never while it is down: a reload then would leave the browser's own error page).
import { Component, type ReactNode } from 'react';

interface State {
  failedAt: unknown;
}

/** Catches a panel's render error; renders it again when `resetKey` changes (a new snapshot). */
export class PanelBoundary extends Component<{ resetKey: unknown; children: ReactNode }, State> {
  state: State = { failedAt: null };

  static getDerivedStateFromError(): Partial<State> {
    return { failedAt: true };
  }

  componentDidUpdate(prev: { resetKey: unknown }): void {
    if (this.state.failedAt !== null && prev.resetKey !== this.props.resetKey) this.setState({ failedAt: null });
  }

  render(): ReactNode {
    return this.state.failedAt !== null ? <div className="panel panel-failed" data-testid="panel-failed" /> : this.props.children;
  }
}

const RECOVER_EVERY_MS = 10_000;

/** Catches what the panels do not; recovers by reloading once `GET /` answers. */
export class AppBoundary extends Component<{ children: ReactNode }, { failed: boolean }> {
  state = { failed: false };
  private timer: ReturnType<typeof setInterval> | null = null;

  static getDerivedStateFromError(): { failed: boolean } {
    return { failed: true };
  }

  componentDidCatch(): void {
    if (this.timer) return;
    this.timer = setInterval(() => {
      fetch('/', { cache: 'no-store' })
        .then((res) => res.ok && window.location.reload())
        .catch(() => undefined);
    }, RECOVER_EVERY_MS);
  }

  componentWillUnmount(): void {
    if (this.timer) clearInterval(this.timer);
  }

  render(): ReactNode {
    if (!this.state.failed) return this.props.children;
    return (
      <div className="notice notice-error" data-testid="app-failed" role="alert">
        <h1 className="notice-title">Pulse · recovering</h1>
        <div className="notice-body">The display hit an error and restarts itself as soon as the server answers.</div>
      </div>
    );
  }
}
