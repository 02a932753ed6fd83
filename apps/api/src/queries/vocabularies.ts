import { DESIGNS, DESIGNS_NL, OUTCOMES, OUTCOMES_NL, type OpenedDatabase, type RawRow, type topics } from '@evidence/schema';

type TopicListRaw = Omit<RawRow<typeof topics>, 'updated_at'> & { studies: number; last_status: string | null };

export function listTopics(database: OpenedDatabase) {
  const rows = database.sqlite
    .prepare(`SELECT t.id, t.label, t.description, t.label_nl, t.description_nl, t.query, t.synonyms, t.mesh, t.last_window_end, t.last_run_at, t.last_run_id,
      (SELECT count(*) FROM study_topics st JOIN studies s ON s.pmid = st.pmid WHERE st.topic_id = t.id AND s.deleted_at IS NULL) AS studies,
      (SELECT status FROM ingestion_runs r WHERE r.topic_id = t.id ORDER BY r.id DESC LIMIT 1) AS last_status
    FROM topics t ORDER BY t.id`)
    .all() as TopicListRaw[];
  return rows.map((t) => ({
    id: t.id as string,
    label: t.label as string,
    description: t.description as string,
    labelNl: t.label_nl as string | null,
    descriptionNl: t.description_nl as string | null,
    query: t.query as string,
    synonyms: JSON.parse(t.synonyms) as string[],
    mesh: JSON.parse(t.mesh) as string[],
    studies: t.studies as number,
    lastWindowEnd: t.last_window_end as string | null,
    lastRunAt: t.last_run_at as string | null,
    lastRunStatus: t.last_status as string | null,
  }));
}

export const listOutcomes = () =>
  OUTCOMES.map((o) => ({ ...o, labelNl: OUTCOMES_NL[o.id].label, definitionNl: OUTCOMES_NL[o.id].definition }));
export const listDesigns = () => DESIGNS.map((d) => ({ ...d, labelNl: DESIGNS_NL[d.id].label, definitionNl: DESIGNS_NL[d.id].definition }));
