// proper-lockfile reads and writes its lock through graceful-fs, which queues file operations
// when a process runs out of file descriptors and patches fs for old Node versions. A command
// that opens a handful of files needs neither, and loading it costs every write the stream
// machinery; the bundle gives proper-lockfile Node's own fs.
module.exports = require('node:fs');
