import type { ExportResult } from '../commands/export.js';
import { safeJson } from '../validation/sanitize.js';

/**
 * The renderer of an export's format, loaded on use: each is a file's bytes, built from data the
 * command already cleaned, so the CLI prints or writes it as it is.
 */
export async function exportRenderer(format: ExportResult['format']): Promise<(result: ExportResult) => string> {
  switch (format) {
    case 'json':
      return (result) => `${safeJson(result.data.document)}\n`;
    case 'md': {
      const { renderMarkdown } = await import('./export-md.js');
      return (result) => renderMarkdown(result.data);
    }
    case 'svg': {
      const { renderCard } = await import('./export-svg.js');
      return (result) => renderCard(result.data);
    }
    case 'ics': {
      const { renderIcs } = await import('./export-ics.js');
      return (result) => renderIcs(result.data, result.session ?? undefined);
    }
  }
}
