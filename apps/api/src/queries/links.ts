/** Outbound links for a study: PubMed always, DOI and PMC when the record has them. */
export function studyLinks(row: { pmid: number | string; doi: string | null; pmc_id: string | null }) {
  return {
    pubmed: `https://pubmed.ncbi.nlm.nih.gov/${row.pmid}/`,
    doi: row.doi ? `https://doi.org/${encodeURI(row.doi)}` : null,
    pmc: row.pmc_id ? `https://pmc.ncbi.nlm.nih.gov/articles/${row.pmc_id}/` : null,
  };
}
