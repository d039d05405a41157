/** Every built-in walkthrough, in the order the picker lists them (matches BUILTIN_INDEX). */
import type { BuiltinWalkthrough } from '../builtin';
import { CONFIG_SPACE } from './config-space';
import { MSI_MSIX_IMS } from './msi-msix-ims';
import { NOVIRT_REVIEW } from './novirt-review';
import { REMAPPING } from './remapping';

export const BUILTINS: readonly BuiltinWalkthrough[] = [NOVIRT_REVIEW, CONFIG_SPACE, MSI_MSIX_IMS, REMAPPING];
