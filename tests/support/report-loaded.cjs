// Preloaded with `node --require` by tests: on exit, prints to stderr which of
// vmvc's lazily loaded vendor bundles were read from disk, and whether
// process.stderr was ever created (it is made on first access, which costs
// milliseconds when stderr is a pipe).
const fs = require('node:fs');
const read = new Set();
const original = fs.readFileSync;
fs.readFileSync = function (file, ...rest) {
  const name = String(file);
  if (/[\\/]dist[\\/]vendor[\\/][^\\/]+\.cjs$/.test(name)) read.add(name.replace(/.*[\\/]/, ''));
  return original.call(this, file, ...rest);
};
let stderrUsed = false;
const stderr = Object.getOwnPropertyDescriptor(process, 'stderr');
Object.defineProperty(process, 'stderr', {
  ...stderr,
  get() {
    stderrUsed = true;
    return stderr.get.call(this);
  },
});
process.on('exit', () => {
  fs.writeSync(2, `loaded: ${JSON.stringify([...read].sort())}\nstderr: ${stderrUsed}\n`);
});
