/** The host spec: what pgvet knows of the machine a configuration runs on. */
export { HostError, STORAGE_KINDS, WORKLOADS, type Host, type Storage, type Workload } from './types.js';
export { parseCores, parseCount, parseSize } from './units.js';
export { HOST_SCHEMA_PATH, hostFromFile, hostFromFlags, mergeHost, type HostFlags } from './host.js';
export { hostAuto, type AutoOptions } from './auto.js';
export { DEFAULT_WORKLOAD, WORKLOAD_PROFILES, type Assumed, type WorkloadProfile } from './workloads.js';
