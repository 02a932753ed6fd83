// Studies picked for export, kept in localStorage so the selection survives paging and reloads.
const KEY = 'evidence.selection.v1';

interface Picked {
  pmid: string;
  title: string;
}

class Selection {
  items = $state<Picked[]>([]);
  #loaded = false;

  load(): void {
    if (this.#loaded || typeof localStorage === 'undefined') return;
    this.#loaded = true;
    try {
      const parsed = JSON.parse(localStorage.getItem(KEY) ?? '[]') as unknown;
      if (Array.isArray(parsed))
        this.items = parsed.filter((p): p is Picked => typeof p?.pmid === 'string' && /^\d{1,9}$/.test(p.pmid)).slice(0, 5000);
    } catch {
      /* a corrupt entry starts an empty selection */
    }
    addEventListener('storage', (e) => {
      if (e.key === KEY) {
        this.#loaded = false;
        this.load();
      }
    });
  }

  has(pmid: string): boolean {
    return this.items.some((p) => p.pmid === pmid);
  }

  toggle(item: Picked, on: boolean): void {
    this.items = on ? (this.has(item.pmid) ? this.items : [...this.items, item]) : this.items.filter((p) => p.pmid !== item.pmid);
    this.#save();
  }

  clear(): void {
    this.items = [];
    this.#save();
  }

  #save(): void {
    try {
      localStorage.setItem(KEY, JSON.stringify(this.items));
    } catch {
      /* private mode: keep it in memory */
    }
  }
}

export const selection = new Selection();

export const EXPORT_FORMATS = [
  { id: 'ris', label: 'RIS' },
  { id: 'bibtex', label: 'BibTeX' },
  { id: 'csljson', label: 'CSL-JSON' },
  { id: 'csv', label: 'CSV' },
  // Reference lists to paste (plain text; Vancouver numbered in the list's order).
  { id: 'apa', label: 'APA' },
  { id: 'vancouver', label: 'Vancouver' },
] as const;

export function exportHref(format: string, params: URLSearchParams): string {
  const q = new URLSearchParams(params);
  q.delete('cursor');
  q.delete('limit');
  q.delete('sort');
  q.set('format', format);
  if (format === 'apa' || format === 'vancouver') q.set('style_output', 'text');
  return `/export?${q}`;
}

/** The Atom feed of newly found studies under the same filters, on the dashboard's origin. */
export function feedHref(params: URLSearchParams): string {
  const query = filterOnly(params);
  return `/studies/feed.atom${query ? `?${query}` : ''}`;
}

/** The subscriptions page with the filter prefilled: "follow this filter by e-mail". */
export function subscribeHref(params: URLSearchParams): string {
  return `/subscriptions?filter=${encodeURIComponent(filterOnly(params))}`;
}

/** A studies-list query without its paging and order: what a feed or a subscription follows. */
function filterOnly(params: URLSearchParams): string {
  const q = new URLSearchParams(params);
  for (const key of ['cursor', 'limit', 'sort']) q.delete(key);
  return q.toString();
}
