/**
 * The signals that changed in a week, as the review panel shows them: one plain
 * sentence each; a signal that ended says so. Nothing here knows VS Code.
 */
import * as l10n from '../core/l10n';
import type { SignalChange } from './model';

export function signalSentences(changes: readonly SignalChange[]): string[] {
  return changes.map((change) => (change.change === 'appeared' ? change.signal.sentence : l10n.t('No longer true: {0}', change.signal.sentence)));
}
