// One definition of how a finding's direction reads in the dashboard: an icon AND words (never
// colour alone), so the chip, the list card, the heatmap and the claim meter say it the same way.
import { m } from '#lib/paraglide/messages.js';

export const DIRECTIONS = ['improved', 'no_difference', 'worsened', 'mixed', 'not_reported'] as const;
export type Direction = (typeof DIRECTIONS)[number];

const ICON: Record<Direction, string> = { improved: '↑', no_difference: '=', worsened: '↓', mixed: '±', not_reported: '?' };

export function directionLabel(direction: string): string {
  switch (direction) {
    case 'improved':
      return m.finding_improved();
    case 'worsened':
      return m.finding_worsened();
    case 'no_difference':
      return m.finding_no_difference();
    case 'mixed':
      return m.finding_mixed();
    default:
      return m.finding_not_reported();
  }
}

export const directionIcon = (direction: string): string => ICON[direction as Direction] ?? ICON.not_reported;

export function comparisonLabel(comparison: string | null): string | null {
  switch (comparison) {
    case 'vs_control':
      return m.comparison_vs_control();
    case 'vs_baseline':
      return m.comparison_vs_baseline();
    case 'vs_healthy':
      return m.comparison_vs_healthy();
    case 'pooled':
      return m.comparison_pooled();
    default:
      return null;
  }
}
