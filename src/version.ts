/** vmvc's version, set by the build (0.0.0-dev when run from source). */
declare const __VMVC_VERSION__: string | undefined;
export const VERSION = typeof __VMVC_VERSION__ === 'string' ? __VMVC_VERSION__ : '0.0.0-dev';
