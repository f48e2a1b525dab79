// conf imports ajv, ajv-formats and semver at load time for schemas and migrations, neither of
// which backend-path uses (the store validates with valibot and migrates itself). The bundle swaps
// them for this stub, which fails loudly if conf ever does reach for them.
function unused() {
  throw new Error('backend-path bundles conf without schema or migration support.');
}
export const Ajv2020 = unused;
export default unused;
