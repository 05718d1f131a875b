/**
 * What the build says of vmvc (scripts/build.mjs, from package.json and git):
 * its version, the commit it was built from, where to report a bug and where
 * it lives. Run from source, the version is 0.0.0-dev and the rest unknown.
 */
declare const __VMVC_VERSION__: string | undefined;
declare const __VMVC_COMMIT__: string | undefined;
declare const __VMVC_BUGS__: string | undefined;
declare const __VMVC_HOME__: string | undefined;

export const VERSION = typeof __VMVC_VERSION__ === 'string' ? __VMVC_VERSION__ : '0.0.0-dev';
/** The commit the build was made from (12 hex digits), or '' when it was not built from a git checkout. */
export const COMMIT = typeof __VMVC_COMMIT__ === 'string' ? __VMVC_COMMIT__ : '';
/** Where to report a bug. */
export const BUGS = typeof __VMVC_BUGS__ === 'string' && __VMVC_BUGS__ ? __VMVC_BUGS__ : 'https://github.com/vmvc/vmvc/issues';
/** Where vmvc lives. */
export const HOMEPAGE = typeof __VMVC_HOME__ === 'string' && __VMVC_HOME__ ? __VMVC_HOME__ : 'https://github.com/vmvc/vmvc#readme';
