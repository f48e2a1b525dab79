// conf imports env-paths for a default folder, and env-paths asks node:os for the home and
// temporary folders as it loads. backend-path always gives conf its folder (`cwd`), so this
// stand-in loads env-paths on first use, which never comes.
let real;

module.exports = (...args) => (real ??= require('env-paths').default)(...args);
