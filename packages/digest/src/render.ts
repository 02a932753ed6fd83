import { htmlMarkup, textMarkup } from './markup.ts';
import { en } from './templates/en.ts';
import { nl } from './templates/nl.ts';
import type { DigestView } from './view.ts';

const TEMPLATES = { en, nl } as const;

/** The digest's subject and both parts, from the one template of its language. */
export function renderDigest(view: DigestView, language: 'en' | 'nl'): { subject: string; text: string; html: string } {
  const template = TEMPLATES[language];
  const asHtml = template(view, htmlMarkup);
  const asText = template(view, textMarkup);
  return {
    subject: asText.subject,
    text: textMarkup.document(language, asText.subject, asText.blocks),
    html: htmlMarkup.document(language, asHtml.subject, asHtml.blocks),
  };
}
