import { fileURLToPath } from 'node:url';

/** The installed package's own folder (built-in templates and fonts live there); src/ and dist/ sit at the same depth. */
export const packageRoot = fileURLToPath(new URL('../../', import.meta.url));
