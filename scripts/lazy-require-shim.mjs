// node:module for the bundles (scripts/bundle.mjs): the sources load ajv and picomatch on demand
// with createRequire(import.meta.url)(name); here those names are their own bundled files next to
// the bundle, so they still load only when needed and the package needs no node_modules.
export function createRequire() {
  return (name) => {
    if (name === 'ajv') return require('./pgvet-ajv.cjs');
    if (name === 'picomatch') return require('./pgvet-picomatch.cjs');
    throw new Error(`pgvet: "${name}" is not bundled (add it to scripts/bundle.mjs)`);
  };
}
