/** The hops scenarios are made of: one event per actor-to-actor step, with exact values. */
export * from './guest-msi';
export * from './host';
export * from './rings';
export { probeAthQuirk } from './ath-quirk';
export * from './intx';
export * from './ioctl';
export * from './realize';
