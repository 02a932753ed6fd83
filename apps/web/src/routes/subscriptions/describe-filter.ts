// A saved studies filter (the query string GET /api/studies accepts) in words, for the
// subscriptions page: each parameter as "label: value" with vocabulary labels in the reader's
// language, so an editor sees what a subscriber follows without reading a query string.
import { m } from '#lib/paraglide/messages.js';

interface FilterLabels {
  topic: Record<string, string>;
  outcome: Record<string, string>;
  design: Record<string, string>;
  direction: Record<string, string>;
}

/** One "label: values" line per filter parameter; an empty filter follows every new study. */
export function describeFilter(filter: string, labels: FilterLabels): string[] {
  const params = new URLSearchParams(filter);
  const byKey = new Map<string, string[]>();
  for (const [key, value] of params) byKey.set(key, [...(byKey.get(key) ?? []), value]);
  if (byKey.size === 0) return [m.subs_filter_everything()];
  const names: Record<string, () => string> = {
    q: m.subs_filter_search,
    topic: m.facet_topic,
    outcome: m.facet_outcome,
    design: m.facet_design,
    direction: m.subs_filter_direction,
    year_from: m.subs_filter_year_from,
    year_to: m.subs_filter_year_to,
  };
  return [...byKey].map(([key, values]) => {
    const vocabulary = labels[key as keyof FilterLabels] as Record<string, string> | undefined;
    const shown = values.map((v) => vocabulary?.[v] ?? v).join(', ');
    return `${names[key]?.() ?? key}: ${shown}`;
  });
}
