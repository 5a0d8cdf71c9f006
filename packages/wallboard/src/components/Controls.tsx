// Controls for a board on a desk (never in kiosk mode): step or pause the rotation, go full screen.
// They fade in when the mouse moves and out again after a few seconds.
import { useEffect, useState } from 'react';
import { useI18n } from '../i18n/I18n.tsx';
import type { Rotation } from '../hooks/useRotation.ts';

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
            ‹
          </button>
          <button type="button" onClick={rotation.togglePause} title={rotation.paused ? t.controls.play : t.controls.pause} aria-label={rotation.paused ? t.controls.play : t.controls.pause}>
            {rotation.paused ? '▶' : '❚❚'}
          </button>
          <button type="button" onClick={() => rotation.step(1)} title={t.controls.next} aria-label={t.controls.next}>
            ›
          </button>
        </>
      )}
      <button type="button" onClick={fullscreen} title={t.controls.fullscreen} aria-label={t.controls.fullscreen}>
        ⛶
      </button>
    </nav>
  );
}
