// Draws the Marketplace icon (media/icon-128.png, media/icon-256.png) from the activity-bar icon,
// media/icon.svg: its strokes in white on a rounded square. The Marketplace and Open VSX refuse an
// SVG icon, and the activity-bar icon is a bare outline in `currentColor`, made for a theme to tint.
// Rendered by the headless Chromium the browser tests use, so what is drawn is what a browser draws.
//
//   npm run icon
import * as fs from 'node:fs';
import * as path from 'node:path';
import { launchBrowser, projectRoot } from './host.mjs';

const source = fs.readFileSync(path.join(projectRoot, 'media', 'icon.svg'), 'utf8');
const inner = source.replace(/^[\s\S]*?<svg[^>]*>/, '').replace(/<\/svg>\s*$/, '');
const viewBox = /viewBox="([^"]+)"/.exec(source)?.[1] ?? '0 0 24 24';
const [, , width] = viewBox.split(/\s+/).map(Number);

/** The outline at 70% of the square, centred, on the gallery banner's colour. */
export const BACKGROUND = '#1f4e5f';
const scale = 0.7;
const offset = (width * (1 - scale)) / 2;
const svg = (size) => `<svg xmlns="http://www.w3.org/2000/svg" width="${size}" height="${size}" viewBox="${viewBox}">
  <defs><linearGradient id="g" x1="0" y1="0" x2="0" y2="1"><stop offset="0" stop-color="#2b6f84"/><stop offset="1" stop-color="${BACKGROUND}"/></linearGradient></defs>
  <rect width="${width}" height="${width}" rx="${width * 0.22}" fill="url(#g)"/>
  <g transform="translate(${offset} ${offset}) scale(${scale})" fill="none" stroke="#ffffff" stroke-width="2" stroke-linecap="round" stroke-linejoin="round" color="#ffffff">${inner}</g>
</svg>`;

const browser = await launchBrowser();
try {
  for (const size of [128, 256]) {
    const page = await browser.newPage({ viewport: { width: size, height: size } });
    await page.setContent(`<!doctype html><html><body style="margin:0;background:transparent">${svg(size)}</body></html>`);
    const file = path.join(projectRoot, 'media', `icon-${size}.png`);
    await page.locator('svg').screenshot({ path: file, omitBackground: true });
    await page.close();
    process.stdout.write(`${path.relative(projectRoot, file)} (${fs.statSync(file).size} bytes)\n`);
  }
} finally {
  await browser.close();
}
