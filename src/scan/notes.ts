/**
 * The notes a scan can add to the advice. Each cites what it rests on, like
 * the rules file's notes (the sources are declared in rules/default.yaml).
 */
export const SCAN_NOTES: Record<string, { text: string; sources: string[] }> = {
  'scan-user-mode-emulation': {
    text: 'The CI builds images for other processors under QEMU user-mode emulation: that runs foreign programs as ordinary processes on the runner, not a VM, so it is no reason to answer yes to hardware emulation.',
    sources: ['practice-qemu-user-mode'],
  },
};
