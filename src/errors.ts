/**
 * Error values the engine hands back. Config accesses fail with a Linux errno (negative, as the kernel
 * returns it); input problems (a malformed dump, a bad address expression) carry a code and, where a text
 * line is at fault, its 1-based line number so the UI can point at it.
 */

export const EIO = 5;
export const EBADF = 9;
export const ENOMEM = 12;
export const EFAULT = 14;
export const ENODEV = 19;
export const EINVAL = 22;
export const ENOTTY = 25;

const ERRNO_NAMES: Record<number, string> = {
  [EIO]: 'EIO',
  [EBADF]: 'EBADF',
  [ENOMEM]: 'ENOMEM',
  [EFAULT]: 'EFAULT',
  [ENODEV]: 'ENODEV',
  [EINVAL]: 'EINVAL',
  [ENOTTY]: 'ENOTTY',
};

/** `-22` → `-EINVAL`; `0` → `0`; a positive count stays a number. */
export function errnoName(ret: number): string {
  if (ret >= 0) return String(ret);
  const name = ERRNO_NAMES[-ret];
  return name ? `-${name}` : String(ret);
}

export type EngineErrorCode =
  | 'errno' // a config access or ioctl the kernel would reject
  | 'dump-syntax' // a line of an lspci dump that cannot be read
  | 'dump-empty' // no device found in the input
  | 'dump-size' // binary input of a size sysfs never returns
  | 'address' // a setpci-style address that does not parse or does not exist on this device
  | 'device' // a device vfio-pci would refuse to bind
  | 'option' // an option value outside its domain
  | 'link' // a share link or walkthrough file that cannot be read
  | 'patch'; // a permission patch that does not parse

export class EngineError extends Error {
  override readonly name = 'EngineError';
  constructor(
    readonly code: EngineErrorCode,
    message: string,
    /** Negative errno for `code === 'errno'` (and for device refusals, the probe's return). */
    readonly errno?: number,
    /** 1-based line in the input text, for dump errors. */
    readonly line?: number,
  ) {
    super(message);
  }
}

export function errnoError(errno: number, message: string): EngineError {
  return new EngineError('errno', `${errnoName(errno)}: ${message}`, errno);
}
