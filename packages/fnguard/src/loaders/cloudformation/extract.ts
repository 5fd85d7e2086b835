/** Entry point named in the loader contract; the work is split by resource family under extract/. */
export { extractResources } from './extract/index.js';
