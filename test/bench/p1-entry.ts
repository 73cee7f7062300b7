// Bundled by the P1 bench with esbuild, as the Lambda functions are, so the
// figure is the production code's, not the test transpiler's.
export { caseOf, parseCase } from '../../shared/domain/case.js';
export { decideMonth } from '../../shared/domain/payroll/participant-month.js';
export { decideCore, simulate } from '../../shared/domain/engine.js';
export { renderExplanation } from '../../shared/domain/explanation/render.js';
