// Every page declares its icon inline: without one, a browser asks for /favicon.ico, which the server answers
// 404, and the console of the page shows an error (seen on the alerts page of the demo).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const pages = ['index.html', 'trends.html', 'alerts.html'];

describe('the pages', () => {
  it.each(pages)('%s declares an inline icon', (page) => {
    const html = readFileSync(new URL(`../${page}`, import.meta.url), 'utf8');
    expect(html).toMatch(/<link rel="icon" href="data:image\/svg\+xml,/);
  });
});
