// Controls for a board on a desk (never in kiosk mode): step or pause the rotation, go full screen.
// They fade in when the mouse moves and out again after a few seconds. Icons are drawn (SVG), not font glyphs:
// a TV's browser may have no font with ⛶ or ❚❚ (Debian's Chromium shows a box).
import { useEffect, useState } from 'react';
import { useI18n } from '../i18n/I18n.tsx';
import type { Rotation } from '../hooks/useRotation.ts';

const ICONS = {
  prev: 'M15 5 8 12l7 7',
  next: 'm9 5 7 7-7 7',
  pause: 'M8 5v14M16 5v14',
  play: 'M8 5v14l11-7Z',
  fullscreen: 'M4 9V4h5M15 4h5v5M20 15v5h-5M9 20H4v-5',
} as const;

function Icon({ name }: { name: keyof typeof ICONS }) {
  return (
    <svg className="control-icon" viewBox="0 0 24 24" aria-hidden="true" data-icon={name}>
      <path d={ICONS[name]} />
    </svg>
  );
}

const HIDE_AFTER_MS = 4_000;

export function Controls({ rotation, boards }: { rotation: Rotation; boards: number }) {
  const { t } = useI18n();
  const [visible, setVisible] = useState(false);
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const show = () => {
      setVisible(true);
      clearTimeout(timer);
      timer = setTimeout(() => setVisible(false), HIDE_AFTER_MS);
    };
    window.addEventListener('pointermove', show);
    window.addEventListener('keydown', show);
    return () => {
      clearTimeout(timer);
      window.removeEventListener('pointermove', show);
      window.removeEventListener('keydown', show);
    };
  }, []);
  const fullscreen = () => {
    if (document.fullscreenElement) void document.exitFullscreen();
    else void document.documentElement.requestFullscreen?.().catch(() => undefined);
  };
  return (
    <nav className={`controls${visible ? ' is-visible' : ''}`} data-testid="controls">
      {boards > 1 && (
        <>
          <button type="button" onClick={() => rotation.step(-1)} title={t.controls.prev} aria-label={t.controls.prev}>
            <Icon name="prev" />
          </button>
          <button
            type="button"
            onClick={rotation.togglePause}
            title={rotation.paused ? t.controls.play : t.controls.pause}
            aria-label={rotation.paused ? t.controls.play : t.controls.pause}
          >
            <Icon name={rotation.paused ? 'play' : 'pause'} />
          </button>
          <button type="button" onClick={() => rotation.step(1)} title={t.controls.next} aria-label={t.controls.next}>
            <Icon name="next" />
          </button>
        </>
      )}
      <button type="button" onClick={fullscreen} title={t.controls.fullscreen} aria-label={t.controls.fullscreen} data-testid="fullscreen">
        <Icon name="fullscreen" />
      </button>
    </nav>
  );
}
