/** Saves a downloaded body as a file through a temporary object URL and an `<a download>` click. */
export function saveBlob(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.style.display = 'none';
  document.body.append(link);
  link.click();
  link.remove();
  // The click starts the download synchronously; the URL can go once the event has been handled.
  setTimeout(() => URL.revokeObjectURL(url), 0);
}
