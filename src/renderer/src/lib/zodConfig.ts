// zod 4 compiles object parsers with `new Function` when it may; the panel's CSP (script-src 'self') forbids eval,
// and zod's probe for it is itself reported as a CSP violation. Imported first by main.tsx, before any parse.
import { z } from 'zod';

z.config({ jitless: true });
