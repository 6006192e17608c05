/**
 * Downloads a file through a hidden link, so the browser writes a streamed
 * PDF to disk as it arrives. A request the server rejects downloads its JSON
 * error instead, so callers check what they can before.
 */
export function startDownload(url: string): void {
  const link = document.createElement('a');
  link.href = url;
  link.download = '';
  link.style.display = 'none';
  document.body.append(link);
  link.click();
  link.remove();
}
