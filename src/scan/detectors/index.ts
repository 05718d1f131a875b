/** Every detector a scan runs, in the order their evidence is listed. Add a detector here (see docs/scan.md). */
import type { Detector } from '../types.js';
import { ci } from './ci.js';
import { compose } from './compose.js';
import { devices } from './devices.js';
import { dockerfile } from './dockerfile.js';
import { kernel } from './kernel.js';
import { kubernetes } from './kubernetes.js';
import { vm } from './vm.js';

export const DETECTORS: readonly Detector[] = [dockerfile, ci, kubernetes, compose, kernel, vm, devices];
