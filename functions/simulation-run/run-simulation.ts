/**
 * What-if (architecture.md flow 7): the engine on a posted case, exactly as
 * `npm run simulate` and the payroll run use it (shared/domain/engine.ts
 * `simulate`: strict parse, decide, explanations in every language). Nothing
 * is read or stored. A bad case is 400 INVALID_CASE (or G_MISSING) with one
 * issue per bad field, each path prefixed `body.` like every other
 * validation error of the API.
 */
import { CaseError } from '../../shared/domain/case.js';
import type { Decision } from '../../shared/domain/decision.js';
import { simulate } from '../../shared/domain/engine.js';
import type { ExplanationLayer, LayerName } from '../../shared/domain/explanation/render.js';
import { LANGUAGES, LAYER_ORDER, renderLayers } from '../../shared/domain/explanation/render.js';
import { BadRequestError } from '../../shared/http/errors.js';

export interface SimulationResult {
  decision: Decision;
  /** The explanation per language, layer by layer (the text is in `decision.explanation`). */
  layers: Record<string, ({ name: LayerName } & ExplanationLayer)[]>;
}

export function runSimulation(input: unknown): SimulationResult {
  let decision: Decision;
  try {
    decision = simulate(input);
  } catch (err) {
    if (err instanceof CaseError)
      throw new BadRequestError(
        err.code,
        'The case is not valid; see issues',
        err.issues.map((i) => ({ path: i.path === '(root)' ? 'body' : `body.${i.path}`, message: i.message })),
      );
    throw err;
  }
  const layers: SimulationResult['layers'] = {};
  for (const lang of LANGUAGES) {
    const l = renderLayers(decision, lang);
    layers[lang] = LAYER_ORDER.map((name) => ({ name, ...l[name] }));
  }
  return { decision, layers };
}
