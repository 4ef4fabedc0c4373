/* global window, document -- the functions given to frame.evaluate run in the browser */
// axe-core (npm) run inside a webview's page, as it stands on screen: the page VS Code nests in two
// frames (iframe.webview.ready, then #active-frame). The script is handed to the frame by the
// browser's debugging protocol, which a page's Content-Security-Policy does not govern, so the
// page itself stays as strict as it ships.
import * as fs from 'node:fs';
import { createRequire } from 'node:module';

const axeSource = fs.readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/** The frame of the visible webview's own page. */
export async function webviewFrame(page) {
  const outer = await (await page.locator('iframe.webview.ready').elementHandle()).contentFrame();
  return (await outer.locator('#active-frame').elementHandle()).contentFrame();
}

/**
 * The serious and critical violations axe-core finds in the visible webview, each as
 * "rule (impact): help — the elements", and the number of rules it checked.
 */
export async function axeViolations(page) {
  const frame = await webviewFrame(page);
  if (!(await frame.evaluate(() => typeof window.axe === 'object'))) await frame.evaluate(axeSource);
  const results = await frame.evaluate(async () => {
    const run = await window.axe.run(document, { resultTypes: ['violations'] });
    return {
      checked: run.passes.length + run.violations.length + run.incomplete.length,
      violations: run.violations.map((violation) => ({ id: violation.id, impact: violation.impact, help: violation.help, targets: violation.nodes.map((node) => node.target.join(' ')) })),
    };
  });
  const serious = results.violations.filter((violation) => violation.impact === 'serious' || violation.impact === 'critical');
  return {
    checked: results.checked,
    serious: serious.map((violation) => `${violation.id} (${violation.impact}): ${violation.help} — ${violation.targets.slice(0, 5).join(', ')}`),
    minor: results.violations.filter((violation) => !serious.includes(violation)).map((violation) => `${violation.id} (${violation.impact})`),
  };
}
