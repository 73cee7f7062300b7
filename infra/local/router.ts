/** The route table (shared/contract/routes.ts) as API Gateway matches it: exact segments before {params}, 405 with Allow for a known path. */
import type { RouteDef } from '../../shared/contract/routes.js';

export interface CompiledRoute {
  def: RouteDef;
  routeKey: string;
  regex: RegExp;
  params: string[];
  /** More literal segments win, as in API Gateway's route selection. */
  specificity: number;
}

function escapeRegex(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

export function compileRoute(def: RouteDef): CompiledRoute {
  const params: string[] = [];
  let literal = 0;
  const parts = def.path.split('/').map((seg) => {
    const greedy = /^\{([A-Za-z0-9_]+)\+\}$/.exec(seg);
    if (greedy) {
      params.push(greedy[1]!);
      return '(.+)';
    }
    const param = /^\{([A-Za-z0-9_]+)\}$/.exec(seg);
    if (param) {
      params.push(param[1]!);
      return '([^/]+)';
    }
    if (seg.length > 0) literal++;
    return escapeRegex(seg);
  });
  return { def, routeKey: `${def.method} ${def.path}`, regex: new RegExp(`^${parts.join('/')}$`), params, specificity: literal * 2 + (params.length > 0 ? 0 : 1) };
}

export interface Match {
  route: CompiledRoute;
  pathParameters: Record<string, string> | undefined;
}

export type RouteLookup = { kind: 'match'; match: Match } | { kind: 'method'; allow: string[] } | { kind: 'none' };

export function lookup(routes: readonly CompiledRoute[], method: string, path: string): RouteLookup {
  const hits: { route: CompiledRoute; m: RegExpExecArray }[] = [];
  for (const route of routes) {
    const m = route.regex.exec(path);
    if (m) hits.push({ route, m });
  }
  if (hits.length === 0) return { kind: 'none' };
  const same = hits.filter((h) => h.route.def.method === method).sort((a, b) => b.route.specificity - a.route.specificity);
  const best = same[0];
  if (best === undefined) return { kind: 'method', allow: [...new Set(hits.map((h) => h.route.def.method))].sort() };
  let pathParameters: Record<string, string> | undefined;
  if (best.route.params.length > 0) {
    pathParameters = {};
    for (const [i, name] of best.route.params.entries()) {
      const raw = best.m[i + 1]!;
      try {
        pathParameters[name] = decodeURIComponent(raw);
      } catch {
        pathParameters[name] = raw;
      }
    }
  }
  return { kind: 'match', match: { route: best.route, pathParameters } };
}
