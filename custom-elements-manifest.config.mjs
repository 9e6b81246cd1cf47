// The element's public API, generated from the source's JSDoc into custom-elements.json.

/** Keeps the manifest to the documented API: named events only, and a description for `lang`. */
function publicApiOnly() {
  return {
    name: 'ai-compare-public-api',
    packageLinkPhase({ customElementsManifest }) {
      for (const module of customElementsManifest.modules) {
        for (const declaration of module.declarations ?? []) {
          if (declaration.events) {
            declaration.events = declaration.events.filter((event) => event.name?.startsWith('ai-compare-'));
          }
          for (const attribute of declaration.attributes ?? []) {
            if (attribute.name === 'lang' && !attribute.description) {
              attribute.description =
                "UI language (BCP 47). Defaults to the nearest ancestor's `lang`, then the document's.";
              attribute.type = { text: 'string' };
            }
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
