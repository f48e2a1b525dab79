// The completion scripts are shell files, bundled as text (esbuild's text loader; in tests, the
// plugin in vitest.config.ts).
declare module '*.bash' {
  const script: string;
  export default script;
}
declare module '*.zsh' {
  const script: string;
  export default script;
}
