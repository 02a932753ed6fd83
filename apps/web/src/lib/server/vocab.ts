// Topics, outcomes and designs change rarely: the terms are fetched once a minute at most, and each
// page gets them in the reader's language (the API sends English and Dutch; a topic without a Dutch
// label in topics.json keeps its English one).
import { getLocale } from '#lib/paraglide/runtime.js';
import { api, callApi } from './api.ts';

interface Term {
  id: string;
  label: string;
  definition?: string;
}
/** What the API sends for a term: English, and Dutch where it has it (topics: description / descriptionNl). */
interface ApiTerm {
  id: string;
  label: string;
  labelNl?: string | null;
  definition?: string;
  definitionNl?: string | null;
  description?: string;
  descriptionNl?: string | null;
}
export interface Vocabulary {
  topics: Term[];
  outcomes: Term[];
  designs: Term[];
}

let cached: { at: number; value: Promise<{ topics: ApiTerm[]; outcomes: ApiTerm[]; designs: ApiTerm[] }> } | null = null;

function inLanguage(term: ApiTerm, dutch: boolean): Term {
  const definition = dutch
    ? (term.definitionNl ?? term.descriptionNl ?? term.definition ?? term.description)
    : (term.definition ?? term.description);
  return { id: term.id, label: (dutch ? term.labelNl : null) ?? term.label, ...(definition ? { definition } : {}) };
}

export async function vocabulary(): Promise<Vocabulary> {
  if (!cached || Date.now() - cached.at >= 60_000) {
    const value = Promise.all([
      callApi<{ items: ApiTerm[] }>(() => api.api.topics.$get()),
      callApi<{ items: ApiTerm[] }>(() => api.api.outcomes.$get()),
      callApi<{ items: ApiTerm[] }>(() => api.api.designs.$get()),
    ]).then(([t, o, d]) => ({ topics: t.items, outcomes: o.items, designs: d.items }));
    cached = { at: Date.now(), value };
    value.catch(() => {
      cached = null;
    });
  }
  const raw = await cached.value;
  const dutch = getLocale() === 'nl';
  return {
    topics: raw.topics.map((t) => inLanguage(t, dutch)),
    outcomes: raw.outcomes.map((t) => inLanguage(t, dutch)),
    designs: raw.designs.map((t) => inLanguage(t, dutch)),
  };
}
