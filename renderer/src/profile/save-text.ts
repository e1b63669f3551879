/**
 * Saving a text the engine made (a profile export) under the name it gave: a download. In a
 * browser tab it lands in the downloads folder; in the desktop app Electron asks where with its
 * Save dialog. (api/save-dialog.ts is for files the engine writes itself, such as scripts; an
 * export is made in memory and sent here, so the page saves it.)
 */
export function saveText(fileName: string, text: string, type = 'text/plain'): void {
  const blob = new Blob([text], { type });
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  a.click();
  // The download has taken the blob by the next turn; a later revoke frees it.
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
