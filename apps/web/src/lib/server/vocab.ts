// Topics, outcomes and designs change rarely: the labels are fetched once a minute at most.
import { api, callApi } from './api.ts';

interface Term {
  id: string;
  label: string;
  definition?: string;
}
export interface Vocabulary {
  topics: Term[];
  outcomes: Term[];
  designs: Term[];
}

let cached: { at: number; value: Promise<Vocabulary> } | null = null;

export function vocabulary(): Promise<Vocabulary> {
  if (cached && Date.now() - cached.at < 60_000) return cached.value;
  const value = Promise.all([
    callApi<{ items: Term[] }>(() => api.api.topics.$get()),
    callApi<{ items: Term[] }>(() => api.api.outcomes.$get()),
    callApi<{ items: Term[] }>(() => api.api.designs.$get()),
  ]).then(([t, o, d]) => ({ topics: t.items, outcomes: o.items, designs: d.items }));
  cached = { at: Date.now(), value };
  value.catch(() => {
    cached = null;
  });
  return value;
}
