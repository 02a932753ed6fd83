import { OpenAPIHono } from '@hono/zod-openapi';
import { DESIGNS } from '@evidence/schema';
import { renderExport } from '../../citations/render-pool.ts';
import { loadCitableStudies } from '../../citations/load-studies.ts';
import type { AppEnv } from '../../context.ts';
import { validationHook } from '../../errors.ts';
import { NotFound } from '../../domain-errors.ts';
import type { StudyFilter } from '../../filters/filter-schema.ts';
import { claimReferences } from '../../queries/claim-references.ts';
import { claimNewStudies, claimWriterFor, conclusionSentence, getClaim, listClaims, loadClaim, pinnedPmids } from '../../queries/claims.ts';
import { escapeHtml } from '../../queries/highlight.ts';
import { ATOM_CONTENT_TYPE, studiesAtom } from '../feed/studies-atom.ts';
import { routes } from './schemas.ts';

const designLabel = new Map<string, string>(DESIGNS.map((d) => [d.id, d.label]));
const byPmids = (pmids: (string | number)[]) => ({ pmid: pmids.map(String), match: 'any', retracted: 'include' }) as StudyFilter;

export const claimsApp = new OpenAPIHono<AppEnv>({ defaultHook: validationHook })
  .openapi(routes.list, (c) => c.json({ items: listClaims(c.get('database')) }, 200))
  .openapi(routes.get, (c) => {
    const { show_reviews: reviews, show_rcts: rcts, show_other: other } = c.req.valid('query');
    return c.json(getClaim(c.get('database'), c.req.valid('param').id, { reviews, rcts, other }), 200);
  })
  .openapi(routes.create, (c) => {
    const id = claimWriterFor(c.get('database')).create(c.req.valid('json'), c.get('actor'), c.get('now')().toISOString());
    return c.json(getClaim(c.get('database'), id), 201);
  })
  .openapi(routes.update, (c) => {
    const { id } = c.req.valid('param');
    claimWriterFor(c.get('database')).update(id, c.req.valid('json'), c.get('actor'), c.get('now')().toISOString());
    return c.json(getClaim(c.get('database'), id), 200);
  })
  .openapi(routes.remove, (c) => {
    const { id } = c.req.valid('param');
    claimWriterFor(c.get('database')).remove(id);
    return c.json({ deleted: id }, 200);
  })
  .openapi(routes.review, (c) => {
    const { id } = c.req.valid('param');
    claimWriterFor(c.get('database')).markReviewed(id, c.get('actor'), c.get('now')().toISOString());
    return c.json(getClaim(c.get('database'), id), 200);
  })
  .openapi(routes.pin, (c) => {
    const { id, pmid } = c.req.valid('param');
    const { stance, note } = c.req.valid('json');
    claimWriterFor(c.get('database')).pin(id, Number(pmid), stance, note ?? null, c.get('actor'), c.get('now')().toISOString());
    return c.json(getClaim(c.get('database'), id), 200);
  })
  .openapi(routes.unpin, (c) => {
    const { id, pmid } = c.req.valid('param');
    claimWriterFor(c.get('database')).unpin(id, Number(pmid));
    return c.json(getClaim(c.get('database'), id), 200);
  })
  .openapi(routes.move, (c) => {
    const { id, pmid } = c.req.valid('param');
    claimWriterFor(c.get('database')).move(id, Number(pmid), c.req.valid('json').position);
    return c.json(getClaim(c.get('database'), id), 200);
  })
  .openapi(routes.card, async (c) => {
    const database = c.get('database');
    const { id, pmid } = c.req.valid('param');
    const { style } = c.req.valid('query');
    const pin = database.sqlite
      .prepare(`SELECT p.stance, s.abstract_sections, s.abstract FROM claim_pins p JOIN studies s ON s.pmid = p.pmid
      WHERE p.claim_id = ? AND p.pmid = ?`)
      .get(id, Number(pmid)) as { stance: string; abstract_sections: string; abstract: string | null } | undefined;
    if (!pin) throw new NotFound(`PMID ${pmid} is not pinned to claim ${id}`);
    const claim = loadClaim(database, id);
    const number = pinnedPmids(database, id).indexOf(Number(pmid)) + 1;
    // Read the study (and so its retraction status) now, at the moment the card is asked for.
    const [study] = loadCitableStudies(database, byPmids([pmid]), { limit: 1, order: 'published' });
    const [text, html] = await Promise.all([renderExport([study!], style, 'text'), renderExport([study!], style, 'html')]);
    const finding = conclusionSentence(database, Number(pmid), pin.abstract_sections, pin.abstract, claim.outcomes);
    const reference = text.body.trim();
    const design = study!.design ? (designLabel.get(study!.design) ?? study!.design) : null;
    const facts = [design, study!.sampleSize ? `n = ${study!.sampleSize}` : null, study!.year].filter(Boolean).join(', ');
    const warning = study!.retracted
      ? 'RETRACTED — do not cite this study as support.'
      : study!.expressionOfConcern
        ? 'Expression of concern published for this study.'
        : study!.erratum
          ? 'An erratum was published for this study.'
          : null;
    return c.json(
      {
        pmid,
        number,
        stance: pin.stance,
        finding,
        design: study!.design,
        sampleSize: study!.sampleSize,
        year: study!.year,
        doi: study!.doi,
        reference: { style, text: reference, html: /<body>\n([\s\S]*)\n<\/body>/.exec(html.body)?.[1] ?? escapeHtml(reference) },
        retracted: study!.retracted,
        erratum: study!.erratum,
        expressionOfConcern: study!.expressionOfConcern,
        checkedAt: c.get('now')().toISOString(),
        // The reference carries its number in the claim's reference list, as the page and the exports do.
        text: [warning, finding ? `“${finding}”` : null, facts ? `(${facts})` : null, `[${number}] ${reference}`]
          .filter(Boolean)
          .join('\n'),
      },
      200,
    );
  })
  .openapi(routes.references, async (c) => {
    const { id } = c.req.valid('param');
    const { format, style_output: styleOutput, set, level } = c.req.valid('query');
    const rendered = await claimReferences(c.get('database'), id, { set, level, format, styleOutput });
    return c.body(rendered.body, 200, {
      'Content-Type': rendered.contentType,
      'Content-Disposition': `attachment; filename="${rendered.filename}"`,
    });
  })
  .openapi(routes.feed, (c) => {
    const { id } = c.req.valid('param');
    const { claim, items } = claimNewStudies(c.get('database'), id);
    const atom = studiesAtom({
      self: c.req.url,
      title: `Evidence tracker: new studies for “${claim.statement}”`,
      description: claim.translations.map((t) => t.statement).join(' / ') || claim.statement,
      studies: items,
      now: c.get('now')(),
    });
    return c.body(atom, 200, { 'Content-Type': ATOM_CONTENT_TYPE });
  });
