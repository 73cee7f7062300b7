// Bundled by the P1 bench with esbuild, as the Lambda functions are, so the
// figure is the production code's, not the test transpiler's.
export { parseCase } from '../../shared/domain/case.js';
export { decideCore, simulate } from '../../shared/domain/engine.js';
