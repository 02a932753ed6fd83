/** startFixtureServer: a real HTTP server on 127.0.0.1 that answers like NCBI E-utilities. */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { buildCorpus, type GeneratedSpec } from './corpus.ts';
import { efetchIds, handleEfetch } from './efetch.ts';
import { handleEsearch, type SearchContext } from './esearch.ts';
import { createFailurePlan, type Endpoint, type FailureRule } from './failures.ts';
import { createHistory } from './history.ts';
import { BACKEND_FAILED, errorPage, esearchError, maintenancePage, rateLimited, xml, type FixtureResponse } from './responses.ts';
import { FIXTURE_STUDIES } from './studies.ts';
import { buildArticleSetXml } from './xml.ts';
import { readTopicQueries } from './topics.ts';
import type { StudySpec } from './types.ts';

export interface FixtureServerOptions {
  studies?: StudySpec[];
  /** topic id → PubMed query; an esearch term equal to a query finds that topic's studies. Default: data/topics.json. */
  topicQueries?: Record<string, string>;
  /** Synthesised studies (e.g. 25,000 for one topic) whose XML is built only when fetched. */
  generated?: GeneratedSpec | GeneratedSpec[];
  /** Default 0: any free port. */
  port?: number;
  /** When set, the server itself answers 429 to the request that exceeds this many in one second, like NCBI. */
  enforceRateLimit?: number;
  /** Stamps each request's arrival (and so the rate check); default Date.now. Tests pass the fake clock their limiter runs on. */
  clock?: () => number;
}

export interface LoggedRequest {
  method: string;
  path: string;
  endpoint: Endpoint | 'other';
  /** Query string and form body together. */
  params: Record<string, string>;
  /** Arrival time, ms since the epoch (on the server's clock option). */
  time: number;
  /** 0 while (or if never) answered. */
  status: number;
  failure?: FailureRule['kind'];
}

export interface FixtureServer {
  /** Base URL ending in "/", to use as EUTILS_BASE_URL. */
  url: string;
  requests: LoggedRequest[];
  setFailures(plan: FailureRule | FailureRule[]): void;
  setStudies(studies: StudySpec[], generated?: GeneratedSpec | GeneratedSpec[]): void;
  /**
   * Stops and starts the server again on the same port, like a restart of NCBI's: open connections
   * are dropped and the history server forgets every WebEnv (efetch then answers "Unable to obtain query").
   */
  restart(): Promise<void>;
  close(): Promise<void>;
}

const DEFAULT_STALL_MS = 10_000;

function toArray<T>(value: T | T[] | undefined): T[] {
  return value === undefined ? [] : Array.isArray(value) ? value : [value];
}

async function readParams(req: IncomingMessage, url: URL): Promise<URLSearchParams> {
  const params = new URLSearchParams(url.search);
  if (req.method === 'POST') {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    for (const [k, v] of new URLSearchParams(Buffer.concat(chunks).toString('utf8'))) params.append(k, v);
  }
  return params;
}

function endpointOf(pathname: string): Endpoint | 'other' {
  const name = pathname.split('/').pop();
  return name === 'esearch.fcgi' ? 'esearch' : name === 'efetch.fcgi' ? 'efetch' : 'other';
}

export async function startFixtureServer(options: FixtureServerOptions = {}): Promise<FixtureServer> {
  const ctx: SearchContext = {
    corpus: buildCorpus(options.studies ?? FIXTURE_STUDIES, toArray(options.generated)),
    history: createHistory(),
    topicQueries: options.topicQueries ?? readTopicQueries(),
  };
  const failures = createFailurePlan();
  const clock = options.clock ?? Date.now;
  const requests: LoggedRequest[] = [];
  const timers = new Set<NodeJS.Timeout>();

  /** Holds a connection open, then drops it (unless the client gave up first). */
  function dropLater(res: ServerResponse, ms: number) {
    const timer = setTimeout(() => {
      timers.delete(timer);
      res.socket?.destroy();
    }, ms);
    timers.add(timer);
    res.on('close', () => {
      clearTimeout(timer);
      timers.delete(timer);
    });
  }

  function send(res: ServerResponse, entry: LoggedRequest, response: FixtureResponse) {
    entry.status = response.status;
    res.writeHead(response.status, { 'Content-Type': response.contentType, ...response.headers });
    res.end(response.body);
  }

  function normalAnswer(endpoint: Endpoint | 'other', params: URLSearchParams, path: string): FixtureResponse {
    if (endpoint === 'esearch') return handleEsearch(params, ctx);
    if (endpoint === 'efetch') return handleEfetch(params, ctx);
    return errorPage(400, path);
  }

  function fail(rule: FailureRule, res: ServerResponse, entry: LoggedRequest, answer: () => FixtureResponse) {
    entry.failure = rule.kind;
    const recent = requests.filter((r) => r.time > entry.time - 1000).length;
    switch (rule.kind) {
      case 'rate_limit':
        return send(res, entry, rateLimited(recent, 3, rule.retryAfter));
      case 'http_500':
        return send(res, entry, errorPage(500, entry.path));
      case 'http_502':
        return send(res, entry, errorPage(502, entry.path));
      case 'http_503':
        return send(res, entry, errorPage(503, entry.path));
      case 'http_400':
        return send(res, entry, errorPage(400, entry.path));
      case 'http_414':
        return send(res, entry, errorPage(414, entry.path));
      case 'backend_error':
        return send(res, entry, esearchError(rule.message ?? BACKEND_FAILED));
      case 'html_200':
        return send(res, entry, maintenancePage());
      case 'empty_200':
        return send(res, entry, xml(''));
      case 'prolog_only':
        return send(res, entry, xml('<?xml version="1.0" encoding="UTF-8" ?>\n'));
      case 'reset':
        return void res.socket?.destroy();
      case 'restart':
        res.socket?.destroy();
        return void restart();
      case 'stall':
        return dropLater(res, rule.stallMs ?? DEFAULT_STALL_MS);
      case 'stall_headers':
        entry.status = 200;
        res.writeHead(200, { 'Content-Type': 'text/xml; charset=UTF-8' });
        res.flushHeaders();
        return dropLater(res, rule.stallMs ?? DEFAULT_STALL_MS);
      case 'omit_records': {
        if (entry.endpoint !== 'efetch') return send(res, entry, answer());
        const leftOut = rule.pmids ? new Set(rule.pmids) : null;
        const ids = efetchIds(entry.params, ctx).filter((id) => leftOut !== null && !leftOut.has(id));
        return send(
          res,
          entry,
          xml(buildArticleSetXml(ids.map((id) => ctx.corpus.spec(id)).filter((s): s is StudySpec => s !== undefined))),
        );
      }
      case 'truncated': {
        // Promise the whole body, send part of it (cut mid-record), then end the connection.
        const full = Buffer.from(answer().body, 'utf8');
        entry.status = 200;
        res.writeHead(200, { 'Content-Type': 'text/xml; charset=UTF-8', 'Content-Length': String(full.length) });
        res.write(full.subarray(0, Math.max(1, Math.floor(full.length * 0.6))), () => res.socket?.destroy());
        return;
      }
    }
  }

  const server = createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const entry: LoggedRequest = {
      method: req.method ?? 'GET',
      path: url.pathname,
      endpoint: endpointOf(url.pathname),
      params: {},
      time: clock(),
      status: 0,
    };
    requests.push(entry);
    const params = await readParams(req, url);
    entry.params = Object.fromEntries(params);
    const answer = () => normalAnswer(entry.endpoint, params, url.pathname);

    const rule = entry.endpoint === 'other' ? undefined : failures.take(entry.endpoint, requests.length);
    if (rule) return fail(rule, res, entry, answer);
    if (options.enforceRateLimit) {
      const recent = requests.filter((r) => r !== entry && r.time > entry.time - 1000).length;
      if (recent >= options.enforceRateLimit) return send(res, entry, rateLimited(recent + 1, options.enforceRateLimit, 1));
    }
    send(res, entry, answer());
  });

  // Node closes an idle keep-alive socket after 5 s. On a loaded machine (tests in parallel) the
  // client may reuse that socket just as it closes, and fetch (undici) then silently resends the GET:
  // the log shows a request the client never counted. A long idle timeout keeps the log exact; close()
  // still ends every connection.
  server.keepAliveTimeout = 120_000;
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  let restarting: Promise<void> | null = null;
  function restart(): Promise<void> {
    restarting ??= (async () => {
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
      server.closeAllConnections();
      await new Promise<void>((resolve, reject) => server.close((err) => (err ? reject(err) : resolve())));
      ctx.history = createHistory();
      await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
    })().finally(() => {
      restarting = null;
    });
    return restarting;
  }

  return {
    url: `http://127.0.0.1:${port}/entrez/eutils/`,
    requests,
    setFailures: (plan) => failures.set(plan),
    setStudies(studies, generated) {
      ctx.corpus = buildCorpus(studies, toArray(generated));
    },
    restart,
    async close() {
      await restarting;
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
      server.closeAllConnections();
      return new Promise<void>((resolve, reject) => server.close((err) => (err ? reject(err) : resolve())));
    },
  };
}
