/**
 * Builds eval/dev.json (odd ids) and eval/heldout.json (even ids) from eval/source/*.txt, and
 * eval/blind.json from eval/source/blind/*.txt: records written and labelled by someone who had
 * not seen the rules, never used for tuning.
 */
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { EvalRecord } from './run.ts';

const here = dirname(fileURLToPath(import.meta.url));
const CATEGORY: Record<string, string> = {
  BACKGROUND: 'BACKGROUND',
  INTRODUCTION: 'BACKGROUND',
  CONTEXT: 'BACKGROUND',
  OBJECTIVE: 'OBJECTIVE',
  OBJECTIVES: 'OBJECTIVE',
  AIM: 'OBJECTIVE',
  AIMS: 'OBJECTIVE',
  PURPOSE: 'OBJECTIVE',
  METHODS: 'METHODS',
  'METHODS AND ANALYSIS': 'METHODS',
  'CASE PRESENTATION': 'METHODS',
  RESULTS: 'RESULTS',
  CONCLUSIONS: 'CONCLUSIONS',
  DISCUSSION: 'CONCLUSIONS',
  'ETHICS AND DISSEMINATION': 'CONCLUSIONS',
  'TRIAL REGISTRATION': 'UNASSIGNED',
  // Labels of the JAMA-style structured abstracts, mapped as NLM maps them.
  IMPORTANCE: 'BACKGROUND',
  'DESIGN, SETTING, AND PARTICIPANTS': 'METHODS',
  DESIGN: 'METHODS',
  SETTING: 'METHODS',
  PARTICIPANTS: 'METHODS',
  INTERVENTIONS: 'METHODS',
  INTERVENTION: 'METHODS',
  'MAIN OUTCOMES AND MEASURES': 'METHODS',
  'MAIN OUTCOME MEASURES': 'METHODS',
  'CONCLUSIONS AND RELEVANCE': 'CONCLUSIONS',
  CONCLUSION: 'CONCLUSIONS',
  'DATA SOURCES': 'METHODS',
  'STUDY SELECTION': 'METHODS',
  'DATA EXTRACTION AND SYNTHESIS': 'METHODS',
};

function parseSourceFile(path: string): EvalRecord[] {
  const records: EvalRecord[] = [];
  for (const block of readFileSync(path, 'utf8').split(/^=== /m).slice(1)) {
    const lines = block.split('\n').filter((l) => l.trim());
    const id = lines[0]!.trim();
    const r: Omit<EvalRecord, 'gold'> & { gold?: EvalRecord['gold'] } = {
      id,
      pmid: id,
      title: '',
      abstract: '',
      abstractSections: [],
      publicationTypes: [],
      mesh: [],
      keywords: [],
    };
    for (const l of lines.slice(1)) {
      const m = /^(pt|mesh|kw|title|gold|S)( [A-Z][A-Z ,&/-]*)?: ?(.*)$/.exec(l);
      if (!m) throw new Error(`${id}: bad line ${l}`);
      const [, key, label, val] = m as unknown as [string, string, string | undefined, string];
      const list = () =>
        val
          .split(' | ')
          .map((s) => s.trim())
          .filter(Boolean);
      if (key === 'pt') r.publicationTypes = list();
      else if (key === 'kw') r.keywords = list();
      else if (key === 'title') r.title = val;
      else if (key === 'mesh')
        r.mesh = list().map((d) => {
          const major = d.endsWith('*');
          const [descriptor, ...qualifiers] = d.replace(/\*$/, '').split('/');
          return { descriptor: descriptor ?? '', qualifiers, majorTopic: major };
        });
      else if (key === 'S') {
        const lab = label ? label.trim() : null;
        r.abstractSections.push({ label: lab, nlmCategory: lab ? (CATEGORY[lab] ?? 'UNASSIGNED') : null, text: val });
      } else if (key === 'gold') {
        const g = Object.fromEntries(val.split(/\s+/).map((kv) => kv.split('=') as [string, string]));
        r.gold = {
          outcomes: g.o ? g.o.split(',').filter(Boolean).sort() : [],
          design: g.d ?? '',
          sampleSize: g.n ? Number(g.n) : null,
          topics: g.t ? g.t.split(',').filter(Boolean).sort() : [],
        };
      }
    }
    r.abstract = r.abstractSections.map((s) => (s.label ? `${s.label}: ${s.text}` : s.text)).join('\n\n');
    if (!r.gold) throw new Error(`${id}: no gold`);
    records.push({ ...r, gold: r.gold });
  }
  return records;
}

const sourceFiles = (dir: string) =>
  readdirSync(dir, { withFileTypes: true })
    .filter((e) => e.isFile() && e.name.endsWith('.txt'))
    .map((e) => join(dir, e.name))
    .sort();
const records = sourceFiles(join(here, 'source')).flatMap(parseSourceFile);
const blind = sourceFiles(join(here, 'source', 'blind')).flatMap(parseSourceFile);
const blind2 = sourceFiles(join(here, 'source', 'blind2')).flatMap(parseSourceFile);
const num = (id: string) => Number(id.slice(5));
const dev = records.filter((r) => num(r.id) % 2 === 1);
const heldout = records.filter((r) => num(r.id) % 2 === 0);
writeFileSync(join(here, 'dev.json'), JSON.stringify(dev, null, 1) + '\n');
writeFileSync(join(here, 'heldout.json'), JSON.stringify(heldout, null, 1) + '\n');
writeFileSync(join(here, 'blind.json'), JSON.stringify(blind, null, 1) + '\n');
writeFileSync(join(here, 'blind2.json'), JSON.stringify(blind2, null, 1) + '\n');
console.log(`records ${records.length}: dev ${dev.length}, heldout ${heldout.length}; blind ${blind.length}; blind2 ${blind2.length}`);
