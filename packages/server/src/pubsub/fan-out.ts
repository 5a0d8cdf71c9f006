// Who hears of a change on this instance, and in which order: the view first (what reads it next knows what
// to read again), then the WebSocket pushes, then the alert rules. A change comes from any instance through
// the bus, or from time alone (an SLA moment passing: live/sla-ticker.ts).
import type { LiveChange } from '../live/view/change.ts';
import type { Bus } from './bus.ts';
import type { ChannelMap } from './channels.ts';

/** This instance's view of live state (live/service.ts). */
export interface ViewListener {
  changed(change: LiveChange | null | undefined): void;
  alertsChanged(): void;
}

/** What acts on any change, whatever it was (ws/broadcaster.ts, alerts/service.ts). */
export interface ChangeListener {
  changed(): void;
}

export class ChangeFanOut {
  constructor(private readonly to: { view: ViewListener; pushes: ChangeListener; alerts: ChangeListener | null }) {}

  /** Hears both channels on `bus` (before any consumer starts, so no change is missed). */
  async listen(bus: Bus): Promise<void> {
    await bus.subscribe('live.changed', this.liveChanged);
    await bus.subscribe('alerts.changed', this.alertsChanged);
  }

  /** Live state changed (an applied batch, a rebuild started or done). */
  readonly liveChanged = (msg: ChannelMap['live.changed']): void => {
    this.to.view.changed(msg.change);
    this.to.pushes.changed();
    this.to.alerts?.changed();
  };

  /** Alerts changed (fired, acknowledged, resolved): boards show them; the rules are not evaluated again. */
  readonly alertsChanged = (): void => {
    this.to.view.alertsChanged();
    this.to.pushes.changed();
  };

  /** An SLA moment passed: nothing was written, but targets became at risk or breached. */
  moment(): void {
    this.to.pushes.changed();
    this.to.alerts?.changed();
  }
}
