// Runs in the page before the board's code: timestamps each WebSocket message as its handling starts, and the
// moment the DOM shows it (a MutationObserver sees the header's waiting total take the message's marker).
// Results land in window.__bench = { updates: [{ seq, ms }], missed }.
export const PROBE = `(() => {
  const pending = new Map();
  const bench = (window.__bench = { updates: [], missed: 0 });
  const Native = window.WebSocket;
  window.WebSocket = class extends Native {
    constructor(...args) {
      super(...args);
      this.addEventListener('message', (ev) => {
        const m = /"seq":(\\d+)/.exec(String(ev.data).slice(0, 48));
        if (m) pending.set(Number(m[1]), performance.now());
      });
    }
  };
  const observe = () => {
    new MutationObserver(() => {
      const el = document.querySelector('[data-testid="total-waiting"]');
      const seq = Number(el && el.getAttribute('data-value'));
      const t0 = pending.get(seq);
      if (t0 === undefined) return;
      const now = performance.now();
      for (const [s] of pending) if (s < seq) { pending.delete(s); bench.missed++; }
      pending.delete(seq);
      bench.updates.push({ seq, ms: now - t0 });
    }).observe(document, { subtree: true, childList: true, characterData: true, attributes: true, attributeFilter: ['data-value'] });
  };
  document.readyState === 'loading' ? document.addEventListener('DOMContentLoaded', observe) : observe();
})();`;
