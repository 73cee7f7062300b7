// Bundled by explanation-render.ts with esbuild, as the Lambda functions are.
export { parseCase } from '../../shared/domain/case.js';
export { decideCore } from '../../shared/domain/engine.js';
export { LANGUAGES, renderExplanation } from '../../shared/domain/explanation/render.js';
