// The element's public API, generated from the source's JSDoc into custom-elements.json.

/** Keeps the manifest to the documented API: no private members, named events only. */
function publicApiOnly() {
  return {
    name: 'ai-compare-public-api',
    packageLinkPhase({ customElementsManifest }) {
      for (const module of customElementsManifest.modules) {
        for (const declaration of module.declarations ?? []) {
          // Private members (`#fields`, TypeScript `private`) are the element's own business.
          if (declaration.members) {
            declaration.members = declaration.members.filter((member) => member.privacy !== 'private' && !member.name.startsWith('#'));
          }
          if (declaration.events) {
            declaration.events = declaration.events.filter((event) => event.name?.startsWith('ai-compare-'));
          }
        }
      }
    },
  };
}

export default {
  // The element's public surface only: internals (styles, schema, strings) are not its API.
  globs: ['src/ai-compare.ts', 'src/define.ts', 'src/events.ts', 'src/index.ts'],
  exclude: ['src/**/*.d.ts'],
  outdir: '.',
  litelement: true,
  packagejson: false,
  plugins: [publicApiOnly()],
};
