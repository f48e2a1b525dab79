/** The examples and pointers that `backend-path --help` ends with. */
export const HELP_EXAMPLES = `
Examples:
  $ backend-path plan            three questions, then your dated plan
  $ backend-path plan --track python --hours 8 --yes
  $ backend-path                 today's stage, this week's hours, the verdict
  $ backend-path next            what to study now, and how to prove it
  $ backend-path start           time a session; \`backend-path stop\` logs it
  $ backend-path log 1.5         an hour and a half on the stage in progress
  $ backend-path check rest-api --url :8000
  $ backend-path done rest-api --link https://github.com/you/todo-api
  $ backend-path status --json   where you stand, for a script
  $ backend-path replan --hours 6 --yes
  $ backend-path export --format ics -o plan.ics --sessions
  $ backend-path roadmaps show backend-extended --track python

Run \`backend-path <command> --help\` for its flags. Your plan is kept in
progress.json under BACKEND_PATH_CONFIG_DIR (default: your user config folder,
e.g. ~/.config/backend-path).`;
