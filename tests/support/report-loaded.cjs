// Preloaded with `node --require` by tests: on exit, prints to stderr which of
// vmvc's lazily loaded vendor bundles were loaded.
process.on('exit', () => {
  const loaded = Object.keys(require.cache)
    .filter((f) => /[\\/]dist[\\/]vendor[\\/]/.test(f))
    .map((f) => f.replace(/.*[\\/]/, ''));
  process.stderr.write(`loaded: ${JSON.stringify(loaded.sort())}\n`);
});
