/** The reviewer's example of `vfio-explorer link`, checked by the CLI test and opened by the e2e test. */
export const REVIEW_LINK_FIXTURE = '8086-095a-wireless-7265-wifi';
export const REVIEW_LINK_OPTIONS = ['--novirt', '--select', 'CAP_MSI+4.L', '--scenario', 'S3'] as const;
