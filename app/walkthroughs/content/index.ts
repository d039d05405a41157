/**
 * Every built-in walkthrough, in the order the picker lists them (matches BUILTIN_INDEX): a path from
 * config space through MSI, MSI-X and IMS and through remapping and posting to the review that needs them.
 */
import type { BuiltinWalkthrough } from '../builtin';
import { CONFIG_SPACE } from './config-space';
import { MSI_MSIX_IMS } from './msi-msix-ims';
import { NOVIRT_REVIEW } from './novirt-review';
import { REMAPPING } from './remapping';

export const BUILTINS: readonly BuiltinWalkthrough[] = [CONFIG_SPACE, MSI_MSIX_IMS, REMAPPING, NOVIRT_REVIEW];
