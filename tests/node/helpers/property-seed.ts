/**
 * Property tests draw new cases on every local run. Under CI they replay one fixed set, so what
 * CI reports can be reproduced exactly; PROPERTY_SEED picks another set anywhere (a failure
 * prints the seed that found it).
 */
import fc from 'fast-check';

const seed = process.env.PROPERTY_SEED ?? (process.env.CI === 'true' ? '20261130' : undefined);
if (seed !== undefined) fc.configureGlobal({ seed: Number(seed) });
