import module from 'node:module';

// Node 22.1+ can cache the compiled code of every module loaded after this call; Node 20 has
// no such API, and then this line does nothing.
(module as { enableCompileCache?: () => unknown }).enableCompileCache?.();

const { run } = await import('./cli.js');
await run();
