/**
 * The report page's copies of the draw-time plugins (charts/fit.ts, charts/errorBars.ts): bundled
 * by esbuild into a classic script that leaves them on `window` for the page's boot script.
 */
import { errorBars } from './errorBars.ts';
import { fitText } from './fit.ts';

const page = globalThis as unknown as { vraemFitText: typeof fitText; vraemErrorBars: typeof errorBars };
page.vraemFitText = fitText;
page.vraemErrorBars = errorBars;
