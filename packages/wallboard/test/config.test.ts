// The board's URL: every parameter, the compact `boards=` syntax, defaults and invalid values.
import { describe, expect, it } from 'vitest';
import { DEFAULT_VIEW, PANELS, parseBoards } from '../src/config/boards.ts';
import { parseBoardUrl, resolveTimeZone } from '../src/config/url.ts';
import { chooseLocale } from '../src/i18n/locale.ts';

describe('board URL', () => {
  it('has defaults that run a single dark board of every queue and panel', () => {
    expect(parseBoardUrl('')).toEqual({
      token: null,
      lang: null,
      theme: 'dark',
      tz: null,
      kiosk: false,
      rotateS: 30,
      pageS: 10,
      boards: [DEFAULT_VIEW],
    });
    expect(DEFAULT_VIEW.panels).toEqual([...PANELS]);
  });

  it('reads every parameter', () => {
    const s = parseBoardUrl(
      '?token=abc&queues=sales,%20vip&queue=billing&channels=voice&panels=queues,sla&theme=light&tz=Europe/Madrid&lang=es&kiosk=1&rotate=15&page=6&window=60m&spark=service_level&title=Front%20desk',
    );
    expect(s).toMatchObject({ token: 'abc', theme: 'light', tz: 'Europe/Madrid', lang: 'es', kiosk: true, rotateS: 15, pageS: 6 });
    expect(s.boards).toEqual([
      { title: 'Front desk', queues: ['sales', 'vip', 'billing'], channels: ['voice'], panels: ['queues', 'sla'], window: '60m', spark: 'service_level' },
    ]);
  });

  it('ignores what it cannot use instead of breaking the board', () => {
    const s = parseBoardUrl('?tz=Not/AZone&theme=pink&rotate=0&page=abc&panels=bogus&window=3h&spark=x&kiosk=no');
    expect(s).toMatchObject({ tz: null, theme: 'dark', rotateS: 30, pageS: 10, kiosk: false });
    expect(s.boards[0]).toEqual(DEFAULT_VIEW);
    expect(parseBoardUrl('?kiosk').kiosk).toBe(true);
    expect(parseBoardUrl('?kiosk=true').kiosk).toBe(true);
  });

  it('lists boards for rotation, each completed from the page parameters', () => {
    const s = parseBoardUrl('?rotate=20&panels=queues,agents&boards=queues:billing,sales|queues:tech;panels:sla;title:Tech%20desk|channels:voice,chat');
    expect(s.rotateS).toBe(20);
    expect(s.boards.map((b) => [b.title, b.queues, b.channels, b.panels])).toEqual([
      [null, ['billing', 'sales'], null, ['queues', 'agents']],
      ['Tech desk', ['tech'], null, ['sla']],
      [null, null, ['voice', 'chat'], ['queues', 'agents']],
    ]);
  });

  it('parses the compact syntax tolerantly', () => {
    expect(parseBoards(' | queues : a ,b ; ;nonsense|| panels:alerts,queues ', DEFAULT_VIEW).map((b) => [b.queues, b.panels])).toEqual([
      [['a', 'b'], DEFAULT_VIEW.panels],
      [null, ['queues', 'alerts']],
    ]);
    expect(parseBoards('queues:*', { ...DEFAULT_VIEW, queues: ['x'] })[0]!.queues).toBe('*');
  });

  it('takes the time zone from the URL, else the server, else the snapshot', () => {
    expect(resolveTimeZone('Asia/Tokyo', 'America/New_York', 'UTC')).toBe('Asia/Tokyo');
    expect(resolveTimeZone(null, 'America/New_York', 'UTC')).toBe('America/New_York');
    expect(resolveTimeZone(null, '', 'Europe/Paris')).toBe('Europe/Paris');
    expect(resolveTimeZone(null, 'Bad/Zone', undefined)).toBeTruthy();
  });
});

describe('language', () => {
  it('uses the URL language, else the browser languages, else English', () => {
    expect(chooseLocale('es', ['en-US'])).toEqual({ lang: 'es', locale: 'es' });
    expect(chooseLocale('es-MX', [])).toEqual({ lang: 'es', locale: 'es-MX' });
    expect(chooseLocale(null, ['fr-FR', 'es-ES'])).toEqual({ lang: 'es', locale: 'es-ES' });
    expect(chooseLocale('de', ['en-GB'])).toEqual({ lang: 'en', locale: 'en-GB' });
    expect(chooseLocale('!!', [])).toEqual({ lang: 'en', locale: 'en' });
  });
});
