// The element's public API, generated from the source's JSDoc into custom-elements.json.

/**
 * Keeps the manifest to the documented API: no private members, named events only, descriptions for the native `lang`
 * and `dir`, and the reflected, read-only `state` (a getter the analyzer does not see set).
 */
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
          for (const attribute of declaration.attributes ?? []) {
            if (attribute.name === 'lang' && !attribute.description) {
              attribute.description =
                "UI language (BCP 47). Defaults to the nearest ancestor's `lang`, then the document's.";
              attribute.type = { text: 'string' };
            }
            if (attribute.name === 'dir' && !attribute.description) {
              attribute.description =
                "Writing direction, `ltr` or `rtl`. Defaults to the nearest ancestor's `dir` within the element's language, then the language's own.";
              attribute.type = { text: "'ltr' | 'rtl'" };
            }
          }
          if (declaration.tagName === 'ai-compare' && !declaration.attributes?.some((attribute) => attribute.name === 'state')) {
            declaration.attributes?.push({
              name: 'state',
              type: { text: "'loading' | 'ready' | 'error'" },
              description: 'Reflected from the read-only `state` property, for styling the host: `loading`, `ready` or `error`.',
              fieldName: 'state',
            });
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
