import { markSaved } from './store/draft';

/** Saving a text file from the page (a Blob and a download link; no server involved). */
export function downloadText(filename: string, text: string): void {
  markSaved();
  downloadBlob(filename, new Blob([text], { type: 'application/json' }));
}

/** Saving any blob (a figure) as a file; it does not count as saving the explorer's state. */
export function downloadBlob(filename: string, blob: Blob): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/** A file name from a title: lower case, dashes, nothing a file system minds. */
export const fileNameOf = (title: string, suffix: string) =>
  `${
    title
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-|-$/g, '') || 'vfio-explorer'
  }${suffix}`;
