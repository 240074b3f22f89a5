/**
 * The report page's copy of the fit-text plugin (charts/fit.ts): bundled by esbuild into a
 * classic script that leaves the plugin on `window.vraemFitText` for the page's boot script.
 */
import { fitText } from './fit.ts';

(globalThis as unknown as { vraemFitText: typeof fitText }).vraemFitText = fitText;
