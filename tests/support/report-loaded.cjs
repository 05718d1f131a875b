// Preloaded with `node --require` by tests: on exit, prints to stderr which of
// vmvc's lazily loaded bundles (the libraries, and the CLI's cold half) were read from disk, which
// code caches (dist/cache/) were read, and whether
// process.stderr and process.stdout were ever created (each is made on first
// access, which loads Node's stream classes: milliseconds).
const fs = require('node:fs');
const read = new Set();
const caches = new Set();
// dist/start.cjs opens each file it reads (see readShared in src/start.ts).
const original = fs.openSync;
fs.openSync = function (file, ...rest) {
  const name = String(file);
  if (/[\\/]dist[\\/](vendor[\\/][^\\/]+|cold)\.cjs$/.test(name)) read.add(name.replace(/.*[\\/]/, ''));
  const fd = original.call(this, file, ...rest);
  if (/[\\/]dist[\\/]cache[\\/][^\\/]+$/.test(name)) caches.add(name.replace(/.*[\\/]/, ''));
  return fd;
};
const used = { stderr: false, stdout: false };
for (const name of Object.keys(used)) {
  const stream = Object.getOwnPropertyDescriptor(process, name);
  Object.defineProperty(process, name, {
    ...stream,
    get() {
      // REPORT_LOADED_STDOUT_MARK names a file made when process.stdout is first made, for a reader to wait on.
      if (name === 'stdout' && !used.stdout && process.env.REPORT_LOADED_STDOUT_MARK) fs.writeFileSync(process.env.REPORT_LOADED_STDOUT_MARK, '');
      used[name] = true;
      return stream.get.call(this);
    },
  });
}
process.on('exit', () => {
  fs.writeSync(2, `loaded: ${JSON.stringify([...read].sort())}\ncaches: ${JSON.stringify([...caches].sort())}\nstderr: ${used.stderr}\nstdout: ${used.stdout}\n`);
});
