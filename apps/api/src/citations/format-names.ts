// The export formats by name, apart from the code that writes them: the routes and the API's thread need
// the names, and only the render worker loads the writers (citation-js among them).

export const EXPORT_FORMATS = ['ris', 'bibtex', 'csljson', 'csv', 'apa', 'vancouver'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];
export type StyleOutput = 'text' | 'html';

export interface RenderedExport {
  body: string;
  contentType: string;
  extension: string;
}

/** Reference lists for reading (APA, Vancouver): a list of thousands is no reading list, so they get a lower cap. */
export const FORMATTED_STYLES: readonly ExportFormat[] = ['apa', 'vancouver'];
